"""Reminders end to end over HTTP: the real PTB Application, its JobQueue tick and rate limiter,
talking to the fake Bot API on 127.0.0.1, with the clock moved by the test."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime, timedelta

from telegram.warnings import PTBUserWarning

from bot.faces.telegram.handlers import DO_API_REQUEST_HINT, send_reply, send_without_reading
from bot.model.reply import Action, Button, Reply, para, title
from harness.fake_bot_api import FakeBotAPI
from tests.support.telegram_app import bot_settings, running_bot, wait_messages

USER = 777
MONDAY_SLOT = datetime(2026, 1, 5, 17, 30, tzinfo=UTC)  # Mon 18:30 in Oslo
SUNDAY_SLOT = datetime(2026, 1, 11, 17, 30, tzinfo=UTC)  # Sun 18:30 in Oslo


def button(message: dict, prefix: str) -> str:
    markup = message.get("reply_markup") or {}
    for row in markup.get("inline_keyboard", []):
        for key in row:
            if key["callback_data"].startswith(prefix):
                return key["callback_data"]
    raise AssertionError(f"no {prefix} button in {message['text'][:80]!r}")


async def subscribe(api: FakeBotAPI, user_id: int = USER) -> None:
    api.push_text("/remind mon,wed,fri 18:30 Europe/Oslo", user_id=user_id)
    (confirmation,) = await wait_messages(api, 1, chat_id=user_id)
    assert "All set!" in confirmation["text"]


async def test_subscribe_receive_the_reminder_press_done_and_see_it_in_progress(
    api, tmp_path, clock
):
    settings = bot_settings(api, tmp_path / "bot.sqlite3", reminder_tick_seconds=0.2)
    async with running_bot(settings, clock=clock) as application:
        assert application.job_queue.get_jobs_by_name("reminders")
        assert application.job_queue.get_jobs_by_name("prune"), "old deliveries are forgotten"
        await subscribe(api)
        clock.set(MONDAY_SLOT)  # the next tick finds it due

        reminder = (await wait_messages(api, 2))[-1]
        assert "<b>Time for your back session</b>" in reminder["text"]
        api.push_button(button(reminder, "v1|reminder_done|"))
        question = (await wait_messages(api, 3))[-1]
        assert "on your own" in question["text"]  # asked plainly, not counted yet
        assert "sessions this week" not in question["text"]
        api.push_button(button(question, "v1|reminder_done_yes|"))
        done = (await wait_messages(api, 4))[-1]
        assert "1 of 3 sessions this week" in done["text"]

        api.push_text("/progress")
        progress = (await wait_messages(api, 5))[-1]
        assert "This week: 1 of 3 sessions done." in progress["text"]
        assert "5 Jan: ●○○ 1/3" in progress["text"]
    reminders = [m for m in api.sent if "Time for your back session" in m["text"]]
    assert len(reminders) == 1


async def test_a_user_who_blocked_the_bot_is_deactivated(api, tmp_path, clock):
    settings = bot_settings(api, tmp_path / "bot.sqlite3", reminder_tick_seconds=30)
    async with running_bot(settings, clock=clock) as application:
        await subscribe(api)
        api.fail_next_send(USER, 403, "Forbidden: bot was blocked by the user")
        clock.set(MONDAY_SLOT)
        report = await application.bot_data["reminders"].run_once()
        assert report.count("blocked") == 1
        store = application.bot_data["runtime"].store
        assert not (await store.reminders.get(USER)).active
        assert len(api.sent) == 1  # only the confirmation ever arrived


async def test_flood_control_is_waited_out_and_the_reminder_still_arrives(api, tmp_path, clock):
    settings = bot_settings(api, tmp_path / "bot.sqlite3", reminder_tick_seconds=30)
    async with running_bot(settings, clock=clock) as application:
        await subscribe(api)
        api.fail_next_send(USER, 429, "Too Many Requests: retry after 1", retry_after=1)
        clock.set(MONDAY_SLOT)
        report = await application.bot_data["reminders"].run_once()
        assert report.count("sent") == 1
        reminder = (await wait_messages(api, 2))[-1]
        assert "Time for your back session" in reminder["text"]


async def test_a_network_error_is_retried_and_the_reminder_arrives(api, tmp_path, clock):
    settings = bot_settings(api, tmp_path / "bot.sqlite3", reminder_tick_seconds=30)
    async with running_bot(settings, clock=clock) as application:
        await subscribe(api)
        api.fail_next_send(USER, 502, "Bad Gateway")
        clock.set(MONDAY_SLOT)
        report = await application.bot_data["reminders"].run_once()
        assert report.count("sent") == 1
        assert "Time for your back session" in (await wait_messages(api, 2))[-1]["text"]


async def test_done_on_a_reminder_answered_no_offers_the_session_and_counts_nothing(
    api, tmp_path, clock
):
    settings = bot_settings(api, tmp_path / "bot.sqlite3", reminder_tick_seconds=30)
    async with running_bot(settings, clock=clock) as application:
        await subscribe(api)
        clock.set(MONDAY_SLOT)
        await application.bot_data["reminders"].run_once()
        reminder = (await wait_messages(api, 2))[-1]
        api.push_button(button(reminder, "v1|reminder_done|"))
        question = (await wait_messages(api, 3))[-1]
        api.push_button(button(question, "v1|session|"))
        overview = (await wait_messages(api, 4))[-1]
        assert button(overview, "v1|session_step|")  # ready to start it now
        api.push_text("/progress")
        progress = (await wait_messages(api, 5))[-1]
        assert "This week: 0 of 3 sessions done." in progress["text"]


def summaries(api: FakeBotAPI) -> list[dict]:
    return [m for m in api.sent if "<b>Your week</b>" in m["text"]]


async def test_the_weekly_summary_comes_once_on_the_chosen_day_even_across_a_restart(
    api, tmp_path, clock
):
    settings = bot_settings(api, tmp_path / "bot.sqlite3", reminder_tick_seconds=30)
    async with running_bot(settings, clock=clock) as application:
        await subscribe(api)
        api.push_text("send me a weekly summary on sundays")
        on = (await wait_messages(api, 2))[-1]
        assert "every Sunday at 18:30" in on["text"]
        clock.set(SUNDAY_SLOT)  # the week's Mon/Wed/Fri reminders were missed meanwhile
        report = await application.bot_data["reminders"].run_once()
        assert report.count("sent") == 1
        (summary,) = summaries(api)
        assert "This week you did 0 of the 3 sessions in your plan." in summary["text"]
        assert summary["chat_id"] == USER
        assert (await application.bot_data["reminders"].run_once()).count("sent") == 0

    async with running_bot(settings, clock=clock) as application:  # a restart, same moment
        report = await application.bot_data["reminders"].run_once()
        assert report.count("sent") == 0
    assert len(summaries(api)) == 1


async def test_no_weekly_summary_without_asking_for_one(api, tmp_path, clock):
    settings = bot_settings(api, tmp_path / "bot.sqlite3", reminder_tick_seconds=30)
    async with running_bot(settings, clock=clock) as application:
        await subscribe(api)
        clock.set(SUNDAY_SLOT)
        await application.bot_data["reminders"].run_once()
    assert summaries(api) == []


async def test_a_weekly_summary_due_while_the_bot_was_down_comes_when_it_starts(
    api, tmp_path, clock
):
    settings = bot_settings(api, tmp_path / "bot.sqlite3", reminder_tick_seconds=30)
    async with running_bot(settings, clock=clock):
        api.push_text("/remind man,ons,fre 18:30 Europe/Oslo", language_code="nb")
        assert "Da er det klart!" in (await wait_messages(api, 1))[-1]["text"]
        api.push_text("ukentlig oppsummering på søndag", language_code="nb")
        on = (await wait_messages(api, 2))[-1]
        assert "hver søndag kl. 18:30" in on["text"]
    clock.set(SUNDAY_SLOT + timedelta(minutes=20))  # down at 18:30, back at 18:50
    async with running_bot(settings, clock=clock) as application:
        await application.bot_data["reminders"].run_once()
    (summary,) = [m for m in api.sent if "<b>Uka di</b>" in m["text"]]
    assert "Denne uka har du gjort 0 av de 3 øktene" in summary["text"]


async def test_a_reminder_sent_without_reading_the_answer_arrives_as_send_reply_sends_it(
    api, tmp_path, clock
):
    """The dispatcher's sender skips PTB's parsing of the answer: the request must be the one
    `send_reply` makes (HTML, the same keyboard), and PTB's hint to use send_message instead
    must not reach the log once per reminder."""
    settings = bot_settings(api, tmp_path / "bot.sqlite3", reminder_tick_seconds=30)
    reply = Reply(
        "command",
        (title("Time <now>"), para("a & b")),
        buttons=((Button("Done", Action("reminder_done", "2026-01-05")),),),
    )
    async with running_bot(settings, clock=clock) as application:
        await send_reply(application.bot, USER, reply)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")  # the bot's own filter again, on PTB's real warning:
            warnings.filterwarnings("ignore", message=DO_API_REQUEST_HINT, category=PTBUserWarning)
            await send_without_reading(application.bot, USER, reply)
        expected, got = await wait_messages(api, 2, chat_id=USER)
    assert [str(w.message) for w in caught] == []
    assert got["text"] == expected["text"] == "<b>Time &lt;now&gt;</b>\n\na &amp; b"
    assert got["parse_mode"] == expected["parse_mode"] == "HTML"
    assert got["reply_markup"] == expected["reply_markup"]
    assert button(got, "v1|reminder_done|")
