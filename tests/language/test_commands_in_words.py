"""Reminder commands in words and times as people write them."""

from __future__ import annotations

from datetime import time

import pytest

from bot.language.commands import parse_clock, parse_day_words, reminder_request


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7:30am", time(7, 30)),
        ("7:30 am", time(7, 30)),
        ("730am", time(7, 30)),
        ("7.30", time(7, 30)),
        ("19h", time(19, 0)),
        ("18:00", time(18, 0)),
        ("6pm", time(18, 0)),
        ("12am", time(0, 0)),
        ("half past seven", time(7, 30)),
        ("quarter to eight in the evening", time(19, 45)),
        ("at 7 in the evening", time(19, 0)),
        ("noon", time(12, 0)),
        ("7 o'clock", time(7, 0)),
    ],
)
def test_common_time_formats(text, expected):
    assert parse_clock(text) == expected


def test_no_time_and_impossible_times_are_none():
    assert parse_clock("remind me to do them") is None
    assert parse_clock("25:00") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon wed fri", {0, 2, 4}),
        ("mon/wed/fri", {0, 2, 4}),
        ("tues and thurs", {1, 3}),
        ("weekdays", {0, 1, 2, 3, 4}),
        ("every day", set(range(7))),
        ("weekends", {5, 6}),
    ],
)
def test_days_in_words(text, expected):
    assert parse_day_words(text) == expected


def test_reminders_set_changed_paused_stopped_in_words():
    request = reminder_request("can u remind me mon wed fri at 7:30 am")
    assert (request.action, request.days, request.at) == ("set", {0, 2, 4}, time(7, 30))
    request = reminder_request("change my reminder to 7am")
    assert (request.action, request.at) == ("change", time(7, 0))
    assert reminder_request("make my reminders an hour later").shift_minutes == 60
    assert reminder_request("stop reminders").action == "stop"
    assert reminder_request("pause my reminders").action == "pause"
    assert reminder_request("how often should i exercise at 7") is None


async def test_a_reminder_set_in_words_is_confirmed_with_what_was_understood(assistant):
    reply = await assistant.reply(1, "can u remind me mon wed fri at 7:30 am")
    assert reply.command == "remind"
    assert "07:30" in reply.text
    changed = await assistant.reply(1, "change my reminder to 7am")
    assert changed.command == "remind_change"
    assert "07:00" in changed.text
    stopped = await assistant.reply(1, "stop reminders")
    assert stopped.command == "remind_stop"


async def test_delete_my_data_and_what_can_you_do_in_words(assistant):
    erase = await assistant.reply(2, "delete my data")
    assert erase.command == "delete_my_data"
    assert any(a.name == "delete_my_data" for a in erase.actions())
    assert (await assistant.reply(2, "what can you do")).command == "help"
