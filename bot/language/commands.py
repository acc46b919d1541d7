"""Reminder commands in words, and times and days as people write them. Pure functions.

"can u remind me mon wed fri at 7:30 am" → set, days {0, 2, 4}, 07:30;
"change my reminder to 7am" → change, 07:00; "stop reminders" → stop; "pause my reminders" →
pause. English words are built in here; another language's come from its language.yaml
(`reminder_words`), read in the dialect of the turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from functools import lru_cache
from typing import Literal

from bot.content.models import ReminderWords
from bot.language.dialect import Dialect, current
from bot.language.numbers import NUMBER_WORDS
from bot.language.text import normalize
from bot.model.schedule import DAY_NAMES

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
        at = _with_meridiem(int(found[1]), int(found[2]), found[3], low)
        return at if found[3] else _in_the_evening(at, text)
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
    return _own_clock_words(text)


def _own_clock_words(text: str) -> time | None:
    """A language's own ways to say a time: "halv åtte" (7.30), "kvart på ni", "kl 7 om kvelden"."""
    words = vocabulary()
    normal = normalize(text)
    hour, minute = None, 0
    found = words.part_hour.search(normal) if words.part_hour is not None else None
    if found:
        named = words.hours.get(found["hour"]) or int(found["hour"])
        before, minute = words.part_of[found["part"]]
        hour = (named - 1) % 24 if before else named
    elif words.at_hour is not None:
        found = words.at_hour.search(normal)
        if found:
            hour = words.hours.get(found[1]) or int(found[1])
    if hour is None or hour > 23:
        return None
    return _in_the_evening(time(hour, minute), text)


def _in_the_evening(at: time | None, text: str) -> time | None:
    """An hour from 1 to 11 said with the language's evening words is after noon ("halv ni om
    kvelden" is 20.30); English has its own rule in `_with_meridiem`."""
    evening = vocabulary().evening
    if at is None or not 1 <= at.hour <= 11 or evening is None:
        return at
    return at.replace(hour=at.hour + 12) if evening.search(normalize(text)) else at


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
    vocab = vocabulary()
    words = normalize(text.replace("/", " ").replace("-", " ")).split()
    days: set[int] = set()
    for word in words:
        if word in vocab.groups:
            days.update(vocab.groups[word])
        elif word in vocab.day_of and (len(word) > 2 or word in vocab.long or len(days) > 0):
            days.add(vocab.day_of[word])
    if vocab.every_day.search(" ".join(words)):
        days.update(range(7))
    return frozenset(days)


def english_day_names(text: str) -> str:
    """Day words of the turn's language as the typed-schedule parser reads them ("man,ons" ->
    "mon,wed"); other words unchanged."""
    vocab = vocabulary()
    if vocab is _ENGLISH_VOCABULARY:
        return text
    parts = re.split(r"([\s,]+)", text)
    return "".join(
        DAY_NAMES[vocab.day_of[normalize(p)]] if normalize(p) in vocab.day_of else p for p in parts
    )


@dataclass(frozen=True)
class CommandWords:
    subject: re.Pattern[str]
    stop: re.Pattern[str]
    pause: re.Pattern[str]
    resume: re.Pattern[str]
    change: re.Pattern[str]
    shift: re.Pattern[str]
    summary: re.Pattern[str]
    """The weekly summary, named."""


@dataclass(frozen=True)
class Vocabulary:
    """One language's words for days, hours and what to do with reminders."""

    day_of: dict[str, int]
    groups: dict[str, tuple[int, ...]]
    every_day: re.Pattern[str]
    commands: CommandWords
    hours: dict[str, int]
    at_hour: re.Pattern[str] | None
    """ "kl 7": an hour after a clock word (languages with their own words only)."""
    part_hour: re.Pattern[str] | None = None
    """ "halv åtte", "kvart over sju": a part of an hour before an hour (groups part, hour)."""
    part_of: dict[str, tuple[bool, int]] | None = None
    """Each part word: (counted from the hour before, minutes): "halv" -> (True, 30)."""
    evening: re.Pattern[str] | None = None
    long: frozenset[str] = frozenset()
    """Two-letter day words that count alone (none in English: "mo" needs another day)."""


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
        r"\b(change|move|moved|switch|reschedule|shift (it|them|my|the|to)|instead|later|earlier|"
        r"update|edit|"
        r"different time|make (it|them|my))\b"
    ),
    shift=re.compile(
        rf"\b(?P<amount>an|a|{_NUM}|half an)\s*(hour|hours|hr|hrs|h)\s+(?P<way>later|earlier)\b"
    ),
    summary=re.compile(
        r"\b(summary|summaries|summery|sumary|recap|weekly report|weekly update|"
        r"weekly overview|week in review|weekly round ?up)\b"
    ),
)
_ENGLISH_VOCABULARY = Vocabulary(
    day_of=_DAY_OF,
    groups={word: tuple(days) for word, days in DAY_GROUPS.items()},
    every_day=re.compile(r"\bevery (single )?day\b|\beach day\b|\bday every\b"),
    commands=ENGLISH,
    hours=HOUR_WORDS,
    at_hour=None,
    long=frozenset(w for w in _DAY_OF if len(w) <= 2 and w not in _SHORT),
)


def vocabulary() -> Vocabulary:
    """The reminder words of the turn's language."""
    return _vocabulary_of(current())


@lru_cache(maxsize=8)
def _vocabulary_of(dialect: Dialect) -> Vocabulary:
    words = dialect.reminder_words
    return _ENGLISH_VOCABULARY if words is None else _from_content(words)


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    """Whole words; `minn*` lets the last word go on."""
    parts = []
    for phrase in phrases:
        open_end = phrase.endswith("*")
        words = normalize(phrase.rstrip("*"))
        parts.append(re.escape(words) + (r"\w*" if open_end else ""))
    return re.compile(r"\b(" + "|".join(sorted(parts, key=len, reverse=True)) + r")\b")


def _from_content(words: ReminderWords) -> Vocabulary:
    day_of = {normalize(w): day for day, names in enumerate(words.days) for w in names}
    hours = {normalize(w): n for w, n in words.numbers.items() if n >= 1}
    number = r"(\d{1,2}|" + "|".join(map(re.escape, hours)) + ")" if hours else r"(\d{1,2})"
    clock = "|".join(re.escape(normalize(w)) for w in words.clock_words)
    amount = r"(?P<amount>\d{1,2})"
    parts = {normalize(w): (True, 30) for w in words.half_before}
    parts |= {normalize(w): (False, 15) for w in words.quarter_past}
    parts |= {normalize(w): (True, 45) for w in words.quarter_to}
    part_words = "|".join(map(re.escape, sorted(parts, key=len, reverse=True)))
    return Vocabulary(
        day_of=day_of,
        groups={normalize(w): tuple(days) for w, days in words.day_groups.items()},
        every_day=_alternation(words.every_day or ["every day"]),
        commands=CommandWords(
            subject=_alternation(words.subject),
            stop=_alternation(words.stop),
            pause=_alternation(words.pause),
            resume=_alternation(words.resume),
            change=_alternation(words.change),
            shift=re.compile(rf"\b{amount} (timer|time|t) (?P<way>senere|tidligere)\b"),
            summary=_alternation(words.summary),
        ),
        hours=hours,
        at_hour=re.compile(rf"\b(?:{clock}) {number}\b") if clock else None,
        part_hour=re.compile(rf"\b(?P<part>{part_words}) (?P<hour>{number[1:-1]})\b")
        if parts
        else None,
        part_of=parts,
        evening=_alternation(words.evening) if words.evening else None,
    )


@dataclass(frozen=True)
class ReminderRequest:
    action: Action
    days: frozenset[int] = frozenset()
    at: time | None = None
    shift_minutes: int = 0
    """ "an hour later" → +60: the existing time moved, when no new time is named."""


def reminder_request(text: str, about_reminders: bool = False) -> ReminderRequest | None:
    """What a message asks of the reminders (in the turn's language), or None when it is not
    about reminders. `about_reminders`: said inside a reminder command, so no "remind" needed."""
    words = vocabulary().commands
    normal = normalize(text)
    if not about_reminders and not words.subject.search(normal):
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
        later = shifted["way"] in ("later", "senere")
        minutes = int(60 * hours) * (1 if later else -1)
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
