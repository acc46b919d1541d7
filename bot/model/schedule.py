"""Reminder time math, pure: weekly schedules, their slots in the user's zone, and `/remind` input.

Days are numbered Monday=0 … Sunday=6 (Python's `weekday()`), never PTB's Sunday=0.

A *slot* is one reminder: a local date and wall time, and the UTC instant it is due. Slots are
named by their local wall time ("2026-03-29T02:30"), which is what makes delivery idempotent.

DST rules (the usual calendar-app behaviour):
- a wall time that does not exist (spring forward) is due at the first valid instant after the gap
  (02:30 on the night clocks jump 02:00→03:00 is due at 03:00);
- a wall time that happens twice (fall back) is due once, at its first occurrence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


class ScheduleInputError(ValueError):
    """Input to correct: `problem` names the message to show, `value` is what was typed."""

    def __init__(self, problem: str, value: str = ""):
        super().__init__(f"{problem}: {value!r}")
        self.problem = problem
        self.value = value


@dataclass(frozen=True)
class Schedule:
    """Every week on `days` at wall time `at` in IANA `timezone`."""

    days: frozenset[int]
    at: time
    timezone: str

    def __post_init__(self) -> None:
        if not self.days or not self.days <= set(range(7)):
            raise ValueError(f"days must be a non-empty subset of 0..6, got {sorted(self.days)}")
        ZoneInfo(self.timezone)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def days_text(self) -> str:
        """ "mon,wed,fri": how days are stored and typed."""
        return ",".join(DAY_NAMES[day] for day in sorted(self.days))

    @property
    def time_text(self) -> str:
        return self.at.strftime("%H:%M")


@dataclass(frozen=True)
class Slot:
    local: datetime
    """The wall time the user asked for (naive), even when DST moved the instant."""
    due: datetime
    """When it is due, in UTC."""

    @property
    def key(self) -> str:
        return self.local.isoformat(timespec="minutes")  # "2026-01-05T18:30"; strftime is slower


# -- slots --------------------------------------------------------------------------------------


def slot_on(schedule: Schedule, day: date) -> Slot:
    """The slot on `day`, whether or not it is one of the schedule's days."""
    local = datetime.combine(day, schedule.at)
    return Slot(local, to_utc(local, schedule.zone))


def first_slot_after(schedule: Schedule, moment: datetime) -> Slot:
    """The earliest slot due strictly after `moment` (UTC-aware)."""
    day = moment.astimezone(schedule.zone).date() - timedelta(days=1)
    for _ in range(9):
        if day.weekday() in schedule.days:
            slot = slot_on(schedule, day)
            if slot.due > moment:
                return slot
        day += timedelta(days=1)
    raise AssertionError("a weekly schedule always has a slot within 8 days")


def following_slot(schedule: Schedule, slot: Slot) -> Slot:
    """The slot after `slot`: the next scheduled local day (so an ambiguous hour fires once)."""
    day = slot.local.date() + timedelta(days=1)
    while day.weekday() not in schedule.days:
        day += timedelta(days=1)
    return slot_on(schedule, day)


def upcoming(schedule: Schedule, moment: datetime, count: int = 3) -> list[Slot]:
    slots = [first_slot_after(schedule, moment)]
    while len(slots) < count:
        slots.append(following_slot(schedule, slots[-1]))
    return slots


def parse_slot_key(key: str) -> datetime:
    """The local wall time a slot key names (raises ValueError if it is not one)."""
    if len(key) != len("2026-01-05T18:30"):
        raise ValueError(f"not a slot key: {key!r}")
    return datetime.fromisoformat(key)  # strptime is ten times slower, and this runs per tick


_SLOT = re.compile(r"^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?:\.s(\d))?$")


def snooze_key(base: str, snoozes: int) -> str:
    """The key of the `snoozes`-th snooze of the slot `base`: "2026-01-05T18:30.s1"."""
    return f"{base}.s{snoozes}"


SUMMARY_SUFFIX = ".w"


def summary_key(base: str) -> str:
    """The key of the weekly summary due at the slot `base`: "2026-01-04T18:30.w"."""
    return f"{base}{SUMMARY_SUFFIX}"


def is_summary_key(key: str) -> bool:
    return key.endswith(SUMMARY_SUFFIX) and split_slot(key[: -len(SUMMARY_SUFFIX)]) is not None


def summary_schedule(schedule: Schedule, day: int) -> Schedule:
    """The weekly summary's own schedule: one weekday, at the reminders' time and zone."""
    return Schedule(frozenset({day}), schedule.at, schedule.timezone)


def split_slot(key: str) -> tuple[date, str, int] | None:
    """ "2026-01-05T18:30.s1" → (date, "2026-01-05T18:30", 1); None if not a slot key."""
    match = _SLOT.match(key)
    if match is None:
        return None
    try:
        day = date.fromisoformat(match[1])
    except ValueError:
        return None
    return day, key.split(".", 1)[0], int(match[2] or 0)


def to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    """A naive wall time in `zone` as a UTC instant, by the DST rules in this module's docstring."""
    first = local.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if _wall(first, zone) == local:
        return first  # exists; fold=0 is the first of two occurrences when ambiguous
    # In a gap: fold=0 and fold=1 bracket the transition; find its instant to the second.
    second = local.replace(tzinfo=zone, fold=1).astimezone(UTC)
    low, high = min(first, second), max(first, second)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if _wall(middle, zone) >= local:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


def _wall(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


# -- typed input --------------------------------------------------------------------------------


def parse_days(text: str) -> frozenset[int]:
    """ "mon,wed,fri" (commas and/or spaces, any case; full names are accepted too)."""
    parts = [part for part in re.split(r"[\s,]+", text.strip().lower()) if part]
    if not parts:
        raise ScheduleInputError("no_days")
    days = set()
    for part in parts:
        day = _day_number(part)
        if day is None:
            raise ScheduleInputError("unknown_day", part)
        days.add(day)
    return frozenset(days)


def _day_number(word: str) -> int | None:
    for number, names in enumerate(zip(DAY_NAMES, FULL_DAY_NAMES, strict=True)):
        if word in names:
            return number
    return None


def parse_time(text: str) -> time:
    """ "18:30" or "7:05", 24-hour clock."""
    value = text.strip()
    match = _TIME.match(value)
    if match is None:
        raise ScheduleInputError("bad_time", value)
    hour, minute = int(match[1]), int(match[2])
    if hour > 23:
        raise ScheduleInputError("bad_hour", value)
    if minute > 59:
        raise ScheduleInputError("bad_minute", value)
    return time(hour, minute)


@dataclass(frozen=True)
class ShortcutRequest:
    days: frozenset[int]
    at: time
    timezone_query: str
    """What the user typed for the timezone ("" for the default); resolved by `timezones`."""


def parse_shortcut(text: str) -> ShortcutRequest:
    """`mon,wed,fri 18:30 Europe/Oslo`: days, then a time, then an optional timezone.

    Days end at the first word that starts with a digit, so "mon, wed, fri 18:30" works too.
    """
    words = text.split()
    split = next((i for i, word in enumerate(words) if word[0].isdigit()), len(words))
    days = parse_days(" ".join(words[:split]))
    if split == len(words):
        raise ScheduleInputError("missing_time")
    at = parse_time(words[split])
    return ShortcutRequest(days, at, " ".join(words[split + 1 :]))
