"""Reminder time math: parsing what users type, slots across DST, finding timezones."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.language.timezones import find_timezone
from bot.model.schedule import (
    Schedule,
    ScheduleInputError,
    first_slot_after,
    following_slot,
    parse_days,
    parse_shortcut,
    parse_time,
    slot_on,
    to_utc,
    upcoming,
)

OSLO = "Europe/Oslo"
NEW_YORK = "America/New_York"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# -- typed input --------------------------------------------------------------------------------


def test_the_shortcut_reads_days_time_and_timezone():
    request = parse_shortcut("mon,wed,fri 18:30 Europe/Oslo")
    assert request.days == {0, 2, 4}
    assert request.at == time(18, 30)
    assert request.timezone_query == "Europe/Oslo"


def test_the_shortcut_forgives_spaces_case_full_names_and_a_missing_timezone():
    request = parse_shortcut("Mon, Wednesday,  FRI 7:05")
    assert request.days == {0, 2, 4}
    assert request.at == time(7, 5)
    assert request.timezone_query == ""
    assert parse_shortcut("sat 9:00 new york").timezone_query == "new york"


@pytest.mark.parametrize(
    ("text", "problem", "value"),
    [
        ("mun,wed 18:30", "unknown_day", "mun"),
        ("mon,wed,friday2 18:30", "unknown_day", "friday2"),
        ("18:30 Europe/Oslo", "no_days", ""),
        (",, 18:30", "no_days", ""),
        ("mon,wed,fri", "missing_time", ""),
        ("mon 25:00", "bad_hour", "25:00"),
        ("mon 18:60", "bad_minute", "18:60"),
        ("mon 6pm", "bad_time", "6pm"),
        ("mon 18.30", "bad_time", "18.30"),
        ("mon 7:5", "bad_time", "7:5"),
    ],
)
def test_bad_input_says_exactly_what_is_wrong(text, problem, value):
    with pytest.raises(ScheduleInputError) as raised:
        parse_shortcut(text)
    assert raised.value.problem == problem
    assert raised.value.value == value


def test_days_and_times_on_their_own():
    assert parse_days("sun") == {6}
    assert parse_time(" 00:00 ") == time(0, 0)
    assert parse_time("23:59") == time(23, 59)
    with pytest.raises(ScheduleInputError):
        parse_days("")


# -- slots and DST ------------------------------------------------------------------------------


def test_the_next_three_reminders_follow_the_chosen_days():
    schedule = Schedule(frozenset({0, 2, 4}), time(18, 30), OSLO)
    monday_morning = utc(2026, 1, 5, 8, 0)
    slots = upcoming(schedule, monday_morning)
    assert [slot.key for slot in slots] == [
        "2026-01-05T18:30",
        "2026-01-07T18:30",
        "2026-01-09T18:30",
    ]
    assert slots[0].due == utc(2026, 1, 5, 17, 30)  # Oslo is UTC+1 in winter


def test_a_slot_that_just_passed_is_not_next():
    schedule = Schedule(frozenset({0}), time(18, 30), OSLO)
    assert first_slot_after(schedule, utc(2026, 1, 5, 17, 30)).key == "2026-01-12T18:30"


def test_oslo_spring_forward_keeps_the_wall_time_and_moves_a_missing_time_forward():
    evening = Schedule(frozenset({5, 6}), time(18, 30), OSLO)
    saturday, sunday = upcoming(evening, utc(2026, 3, 28, 0, 0), 2)
    assert saturday.due == utc(2026, 3, 28, 17, 30)  # CET, UTC+1
    assert sunday.due == utc(2026, 3, 29, 16, 30)  # CEST, UTC+2: still 18:30 on the wall
    # On 29 March 2026 clocks jump from 02:00 to 03:00: 02:30 does not exist that night.
    night = Schedule(frozenset({6}), time(2, 30), OSLO)
    slot = slot_on(night, date(2026, 3, 29))
    assert slot.key == "2026-03-29T02:30"
    assert slot.due == utc(2026, 3, 29, 1, 0)  # 03:00 CEST, the first valid instant
    assert slot.due.astimezone(ZoneInfo(OSLO)).strftime("%H:%M") == "03:00"


def test_oslo_fall_back_fires_an_hour_that_happens_twice_once_at_its_first_occurrence():
    # On 25 October 2026 clocks go from 03:00 back to 02:00: 02:30 happens twice.
    night = Schedule(frozenset({6}), time(2, 30), OSLO)
    slot = first_slot_after(night, utc(2026, 10, 24, 12, 0))
    assert slot.key == "2026-10-25T02:30"
    assert slot.due == utc(2026, 10, 25, 0, 30)  # CEST; the second 02:30 is 01:30 UTC
    after = first_slot_after(night, slot.due)
    assert after.key == "2026-11-01T02:30"
    assert following_slot(night, slot).key == "2026-11-01T02:30"


def test_new_york_dst_both_ways():
    evening = Schedule(frozenset(range(7)), time(18, 30), NEW_YORK)
    before, after = upcoming(evening, utc(2026, 3, 7, 12, 0), 2)
    assert before.due == utc(2026, 3, 7, 23, 30)  # EST, UTC-5
    assert after.due == utc(2026, 3, 8, 22, 30)  # EDT, UTC-4
    gap = slot_on(Schedule(frozenset({6}), time(2, 30), NEW_YORK), date(2026, 3, 8))
    assert gap.due == utc(2026, 3, 8, 7, 0)  # 03:00 EDT
    twice = slot_on(Schedule(frozenset({6}), time(1, 30), NEW_YORK), date(2026, 11, 1))
    assert twice.due == utc(2026, 11, 1, 5, 30)  # the first 01:30, still EDT


ZONES = st.sampled_from([OSLO, NEW_YORK, "Australia/Lord_Howe", "Asia/Kolkata", "UTC"])


@given(
    zone=ZONES,
    days=st.frozensets(st.integers(0, 6), min_size=1),
    at=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    start=st.datetimes(datetime(2025, 1, 1), datetime(2028, 1, 1)),
)
def test_slots_are_in_the_future_in_order_on_chosen_days_at_the_wall_time(zone, days, at, start):
    schedule = Schedule(days, at, zone)
    moment = start.replace(tzinfo=UTC)
    slots = upcoming(schedule, moment, 4)
    assert slots[0].due > moment
    assert all(a.due < b.due for a, b in zip(slots, slots[1:], strict=False))
    for slot in slots:
        assert slot.local.weekday() in days and slot.local.time() == at
        wall = slot.due.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
        # Exactly the wall time, or (in a spring-forward gap) the first instant after it.
        assert wall == slot.local or (wall > slot.local and wall - slot.local <= timedelta(hours=1))
        assert to_utc(slot.local, ZoneInfo(zone)) == slot.due


# -- timezones ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/Oslo", "Europe/Oslo"),
        ("oslo", "Europe/Oslo"),
        ("europe/olso", "Europe/Oslo"),
        ("new york", "America/New_York"),
        ("New York City", "America/New_York"),
        ("new yrok", "America/New_York"),
        ("Paris, France", "Europe/Paris"),
        ("los angelos", "America/Los_Angeles"),
        ("UTC", "UTC"),
        ("Etc/GMT-5", "Etc/GMT-5"),
        ("US/Eastern", "US/Eastern"),
    ],
)
def test_a_city_or_iana_name_is_found_even_with_a_typo(typed, zone):
    assert find_timezone(typed).zone == zone


def test_a_close_call_comes_back_as_suggestions_and_nonsense_as_nothing():
    unsure = find_timezone("olso")
    assert unsure.zone is None and unsure.suggestions == ("Europe/Oslo",)
    nothing = find_timezone("atlantis")
    assert nothing.zone is None and nothing.suggestions == ()
    assert find_timezone("   ").zone is None
