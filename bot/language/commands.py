"""Reminder commands in words, and times and days as people write them. Pure functions.

"can u remind me mon wed fri at 7:30 am" → set, days {0, 2, 4}, 07:30;
"change my reminder to 7am" → change, 07:00; "stop reminders" → stop; "pause my reminders" →
pause. Word lists are per language (English here; a Norwegian table plugs in beside it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from typing import Literal

from bot.language.numbers import NUMBER_WORDS
from bot.language.text import normalize

Action = Literal["set", "change", "pause", "resume", "stop"]

HOUR_WORDS = {word: n for word, n in NUMBER_WORDS.items() if n >= 1}
"""Clock hours in words: "at seven", "half past six"."""
_NUM = r"(\d{1,2}|" + "|".join(HOUR_WORDS) + ")"
_MERIDIEM = r"\s*(a\.?m\.?|p\.?m\.?)?"
_HALF_PAST = re.compile(rf"\b(half|quarter)\s+(past|to)\s+{_NUM}\b{_MERIDIEM}")
_HH_MM = re.compile(r"\b(\d{1,2})\s*[:.h]\s*(\d{2})(?!\d)" + _MERIDIEM)
_COMPACT = re.compile(r"\b(\d{3,4})\s*(am|pm|h)\b")
_H = re.compile(r"\b(\d{1,2})\s*(am|pm|h|o'?\s*clock|oclock)\b")
_AT_HOUR = re.compile(rf"\b(?:at|@|to|for)\s+{_NUM}\b(?!\s*(?:min|hour|day|week|time|x))")
_NAMED = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}
_EVENING = re.compile(r"\b(evening|night|afternoon|tonight|after work|pm)\b")
_MORNING = re.compile(r"\b(morning|am|before work|breakfast)\b")


def _hour(word: str) -> int:
    return HOUR_WORDS.get(word) or int(word)


def _with_meridiem(hour: int, minute: int, meridiem: str | None, text: str) -> time | None:
    suffix = (meridiem or "").replace(".", "").strip()
    if suffix == "pm" and hour < 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    elif not suffix and hour < 12 and 1 <= hour <= 11 and _EVENING.search(text):
        hour += 12  # "at 7 in the evening"
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_clock(text: str) -> time | None:
    """The wall time in a message: 7:30am, 730am, 7.30, 19h, 18:00, 6 pm, half past seven."""
    low = text.lower()
    found = _HALF_PAST.search(low)
    if found:
        hour = _hour(found[3])
        minute = 30 if found[1] == "half" else 15
        if found[2] == "to":
            hour, minute = (hour - 1) % 24, 45
        return _with_meridiem(hour, minute, found[4], low)
    found = _HH_MM.search(low)
    if found:
        return _with_meridiem(int(found[1]), int(found[2]), found[3], low)
    found = _COMPACT.search(low)
    if found:
        digits = found[1]
        meridiem = found[2] if found[2] != "h" else None
        return _with_meridiem(int(digits[:-2]), int(digits[-2:]), meridiem, low)
    found = _H.search(low)
    if found:
        meridiem = found[2] if found[2] in ("am", "pm") else None
        return _with_meridiem(int(found[1]), 0, meridiem, low)
    for word, value in _NAMED.items():
        if re.search(rf"\b{word}\b", low):
            return value
    found = _AT_HOUR.search(low)
    if found:
        return _with_meridiem(_hour(found[1]), 0, None, low)
    return None


DAY_WORDS = {
    0: ("mon", "monday", "mondays", "mo"),
    1: ("tue", "tues", "tuesday", "tuesdays", "tu"),
    2: ("wed", "weds", "wednesday", "wednesdays", "wensday"),
    3: ("thu", "thur", "thurs", "thursday", "thursdays", "th"),
    4: ("fri", "friday", "fridays", "fr"),
    5: ("sat", "saturday", "saturdays"),
    6: ("sun", "sunday", "sundays"),
}
_DAY_OF = {word: day for day, words in DAY_WORDS.items() for word in words}
_SHORT = {"mo", "tu", "th", "fr"}
"""Two-letter days count only beside another day name ("mo we fr")."""
DAY_GROUPS = {
    "weekday": range(5),
    "weekdays": range(5),
    "workday": range(5),
    "workdays": range(5),
    "weekend": (5, 6),
    "weekends": (5, 6),
    "daily": range(7),
    "everyday": range(7),
}


def parse_day_words(text: str) -> frozenset[int]:
    """The weekdays a message names: "mon wed fri", "tues and thurs", "weekdays", "every day"."""
    words = normalize(text.replace("/", " ").replace("-", " ")).split()
    days: set[int] = set()
    for word in words:
        if word in DAY_GROUPS:
            days.update(DAY_GROUPS[word])
        elif word in _DAY_OF and (word not in _SHORT or len(days) > 0):
            days.add(_DAY_OF[word])
    joined = " ".join(words)
    if re.search(r"\bevery (single )?day\b|\beach day\b|\bday every\b", joined):
        days.update(range(7))
    return frozenset(days)


@dataclass(frozen=True)
class CommandWords:
    subject: re.Pattern[str]
    stop: re.Pattern[str]
    pause: re.Pattern[str]
    resume: re.Pattern[str]
    change: re.Pattern[str]
    shift: re.Pattern[str]


ENGLISH = CommandWords(
    subject=re.compile(
        r"\b(remind\w*|remaind\w*|reminder\w*|notif\w*|ping me|nudge me|alert\w*|"
        r"message me|text me)\b"
    ),
    stop=re.compile(
        r"\b(stop\w*|cancel\w*|turn (them |it )?off|switch (them |it )?off|unsubscribe|"
        r"no longer|do not want|not want|delete|remove|get rid|disable|end|quit|no more)\b"
    ),
    pause=re.compile(r"\b(pause\w*|hold|break|skip|mute|snooze|suspend\w*)\b"),
    resume=re.compile(r"\b(resume|restart|unpause|turn (them |it )?back on|start again)\b"),
    change=re.compile(
        r"\b(change|move|moved|switch|reschedule|shift|instead|later|earlier|update|edit|"
        r"different time|make (it|them|my))\b"
    ),
    shift=re.compile(
        rf"\b(?P<amount>an|a|{_NUM}|half an)\s*(hour|hours|hr|hrs|h)\s+(?P<way>later|earlier)\b"
    ),
)
COMMAND_WORDS = {"en": ENGLISH}


@dataclass(frozen=True)
class ReminderRequest:
    action: Action
    days: frozenset[int] = frozenset()
    at: time | None = None
    shift_minutes: int = 0
    """ "an hour later" → +60: the existing time moved, when no new time is named."""


def reminder_request(text: str, language: str = "en") -> ReminderRequest | None:
    """What a message asks of the reminders, or None when it is not about reminders."""
    words = COMMAND_WORDS[language]
    normal = normalize(text)
    if not words.subject.search(normal):
        return None
    if words.resume.search(normal):
        return ReminderRequest("resume")
    days, at = parse_day_words(text), parse_clock(text)
    if words.pause.search(normal):
        return ReminderRequest("pause")
    if words.stop.search(normal) and at is None and not days:
        return ReminderRequest("stop")
    shifted = words.shift.search(normal)
    if shifted:
        amount = shifted["amount"]
        hours = 0.5 if amount == "half an" else 1 if amount in ("an", "a") else _hour(amount)
        minutes = int(60 * hours) * (1 if shifted["way"] == "later" else -1)
        return ReminderRequest("change", days, None, minutes)
    if words.change.search(normal):
        return ReminderRequest("change", days, at)
    if days or at:
        return ReminderRequest("set", days, at)
    return None


COMMAND_FOR = {
    "set": "remind",
    "change": "remind_change",
    "pause": "remind_pause",
    "resume": "remind_resume",
    "stop": "remind_stop",
}
"""The bot command each reminder request runs."""
