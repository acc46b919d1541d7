"""The dispatcher on a real SQLite file: grace period, restarts, DST, and every send outcome."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta

import httpx
import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.brain.assistant import Assistant
from bot.faces.telegram.delivery import ReminderDispatcher
from bot.model.reply import Reply
from bot.model.schedule import Schedule
from bot.model.user import UserState
from bot.store import Store

USER = 601
MONDAY_SLOT = datetime(2026, 1, 5, 17, 30, tzinfo=UTC)  # Mon 18:30 in Oslo
WEDNESDAY_SLOT = datetime(2026, 1, 7, 17, 30, tzinfo=UTC)
GRACE = timedelta(hours=2)


class FakeSender:
    """Records what would go to Telegram; raises the errors it is given, one per send."""

    def __init__(self):
        self.sent: list[tuple[int, Reply]] = []
        self.errors: list[BaseException] = []
        self.calls = 0

    async def __call__(self, chat_id: int, reply: Reply) -> None:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        self.sent.append((chat_id, reply))


class Bot:
    """One run of the bot on the database file: what a process would hold."""

    def __init__(self, store: Store, assistant: Assistant, sender: FakeSender):
        self.store, self.assistant, self.sender = store, assistant, sender
        self.dispatcher = ReminderDispatcher(assistant, sender, retry_delays=(0, 0), chat_gap=0)


@pytest.fixture
async def start(tmp_path, content, clock, config):
    opened: list[Store] = []

    async def start_bot() -> Bot:
        store = await Store.open(tmp_path / "bot.sqlite3")
        opened.append(store)
        bot = Bot(store, Assistant(content, store, clock, config), FakeSender())
        await bot.dispatcher.recover()
        return bot

    yield start_bot
    for store in opened:
        await store.close()  # closing twice is harmless


async def subscribe(
    bot: Bot, user_id: int = USER, days=(0, 2, 4), at=time(18, 30), zone="Europe/Oslo"
):
    now = bot.assistant.outbox.now()
    await bot.store.users.save(UserState(user_id, chat_id=user_id), now)
    schedule = Schedule(frozenset(days), at, zone)
    return await bot.store.reminders.subscribe(user_id, user_id, schedule, now)


async def statuses(bot: Bot, user_id: int = USER) -> dict[str, str]:
    subscription = await bot.store.reminders.get(user_id)
    return await bot.store.reminders.statuses(subscription.id)


async def test_a_due_reminder_is_sent_once(start, clock):
    bot = await start()
    await subscribe(bot)
    clock.set(MONDAY_SLOT - timedelta(seconds=1))
    assert (await bot.dispatcher.run_once()).count("sent") == 0
    clock.set(MONDAY_SLOT)
    report = await bot.dispatcher.run_once()
    assert report.count("sent") == 1
    ((chat_id, reply),) = bot.sender.sent
    assert chat_id == USER and reply.text.startswith("Time for your back session")
    assert "late" not in reply.text
    clock.advance(timedelta(seconds=20))
    assert (await bot.dispatcher.run_once()).count("sent") == 0
    assert await statuses(bot) == {"2026-01-05T18:30": "sent"}
    assert (await bot.store.reminders.get(USER)).next_due == WEDNESDAY_SLOT


# -- grace period -------------------------------------------------------------------------------


async def test_missed_by_less_than_the_grace_period_it_is_sent_late_with_a_note(start, clock):
    bot = await start()
    await subscribe(bot)
    clock.set(MONDAY_SLOT + timedelta(minutes=90))
    await bot.dispatcher.run_once()
    ((_, reply),) = bot.sender.sent
    assert "This reminder is late (it was due at 18:30)" in reply.text


async def test_missed_by_more_than_the_grace_period_it_is_skipped_and_recorded(start, clock):
    bot = await start()
    await subscribe(bot)
    clock.set(MONDAY_SLOT + timedelta(hours=2, minutes=1))
    report = await bot.dispatcher.run_once()
    assert bot.sender.sent == [] and report.count("missed") == 1
    assert await statuses(bot) == {"2026-01-05T18:30": "missed"}
    assert (await bot.store.reminders.get(USER)).next_due == WEDNESDAY_SLOT


async def test_after_days_down_only_the_latest_slot_within_grace_is_sent(start, clock):
    bot = await start()
    await subscribe(bot)
    clock.set(WEDNESDAY_SLOT + timedelta(minutes=30))
    report = await bot.dispatcher.run_once()
    assert report.count("missed") == 1 and report.count("sent") == 1
    assert await statuses(bot) == {"2026-01-05T18:30": "missed", "2026-01-07T18:30": "sent"}
    ((_, reply),) = bot.sender.sent
    assert "due at 18:30" in reply.text


# -- restarts (a fresh Store and Assistant on the same file) -------------------------------------


async def test_down_when_it_fell_due_it_is_sent_after_the_restart_once(start, clock):
    before = await start()
    await subscribe(before)
    await before.store.close()  # the process dies before the reminder falls due
    clock.set(MONDAY_SLOT + timedelta(minutes=3))
    after = await start()
    await after.dispatcher.run_once()
    assert len(after.sender.sent) == 1
    again = await start()
    await again.dispatcher.run_once()
    assert again.sender.sent == []


async def test_restart_between_due_and_sent_neither_loses_nor_doubles_it(start, clock):
    before = await start()
    await subscribe(before)
    clock.set(MONDAY_SLOT + timedelta(seconds=5))
    # The tick queued the delivery, then the process died before claiming it.
    await before.store.reminders.materialize_due(clock.now(), GRACE)
    await before.store.close()
    clock.advance(timedelta(seconds=40))
    after = await start()
    await after.dispatcher.run_once()
    assert len(after.sender.sent) == 1
    await after.dispatcher.run_once()
    third = await start()
    await third.dispatcher.run_once()
    assert len(after.sender.sent) == 1 and third.sender.sent == []
    assert await statuses(third) == {"2026-01-05T18:30": "sent"}


async def test_restart_after_sent_sends_nothing_again(start, clock):
    before = await start()
    await subscribe(before)
    clock.set(MONDAY_SLOT)
    await before.dispatcher.run_once()
    assert len(before.sender.sent) == 1
    await before.store.close()
    after = await start()
    await after.dispatcher.run_once()
    assert after.sender.sent == []


async def test_killed_while_the_request_was_in_flight_it_is_not_repeated(start, clock):
    """At-most-once: the request may have reached Telegram, so it is never sent a second time."""
    before = await start()
    await subscribe(before)
    in_flight = asyncio.Event()

    async def hangs(chat_id: int, reply: Reply) -> None:
        in_flight.set()
        await asyncio.Event().wait()

    before.dispatcher._send = hangs
    clock.set(MONDAY_SLOT)
    tick = asyncio.create_task(before.dispatcher.run_once())
    await in_flight.wait()
    tick.cancel()  # the process is killed mid-request
    with pytest.raises(asyncio.CancelledError):
        await tick
    await before.store.close()

    after = await start()  # recover() runs at start-up
    await after.dispatcher.run_once()
    assert after.sender.sent == []
    assert await statuses(after) == {"2026-01-05T18:30": "unconfirmed"}
    clock.set(WEDNESDAY_SLOT)
    await after.dispatcher.run_once()
    assert len(after.sender.sent) == 1  # the schedule goes on


# -- DST ----------------------------------------------------------------------------------------


async def test_oslo_autumn_an_hour_that_happens_twice_reminds_once(start, clock):
    bot = await start()
    clock.set(datetime(2026, 10, 24, 12, 0, tzinfo=UTC))
    await subscribe(bot, days=(6,), at=time(2, 30))
    clock.set(datetime(2026, 10, 25, 0, 30, tzinfo=UTC))  # the first 02:30 (CEST)
    await bot.dispatcher.run_once()
    clock.set(datetime(2026, 10, 25, 1, 30, tzinfo=UTC))  # the second 02:30 (CET)
    await bot.dispatcher.run_once()
    assert len(bot.sender.sent) == 1
    assert (await bot.store.reminders.get(USER)).next_slot == "2026-11-01T02:30"


async def test_oslo_spring_a_time_that_does_not_exist_reminds_at_three(start, clock):
    bot = await start()
    clock.set(datetime(2026, 3, 28, 12, 0, tzinfo=UTC))
    await subscribe(bot, days=(6,), at=time(2, 30))
    clock.set(datetime(2026, 3, 29, 0, 59, tzinfo=UTC))  # 01:59 CET, just before the jump
    await bot.dispatcher.run_once()
    assert bot.sender.sent == []
    clock.set(datetime(2026, 3, 29, 1, 0, tzinfo=UTC))  # 03:00 CEST
    await bot.dispatcher.run_once()
    assert len(bot.sender.sent) == 1


async def test_new_york_evening_reminder_keeps_its_wall_time_across_the_change(start, clock):
    bot = await start()
    clock.set(datetime(2026, 3, 6, 12, 0, tzinfo=UTC))
    await subscribe(bot, days=(5, 6), at=time(18, 30), zone="America/New_York")
    sent_at = []
    for moment in (
        datetime(2026, 3, 7, 23, 30, tzinfo=UTC),  # Sat 18:30 EST
        datetime(2026, 3, 8, 22, 30, tzinfo=UTC),  # Sun 18:30 EDT
    ):
        clock.set(moment - timedelta(seconds=1))
        await bot.dispatcher.run_once()
        clock.set(moment)
        await bot.dispatcher.run_once()
        sent_at.append(len(bot.sender.sent))
    assert sent_at == [1, 2]


# -- what Telegram answers ----------------------------------------------------------------------


async def test_a_user_who_blocked_the_bot_is_switched_off_and_not_retried(start, clock):
    bot = await start()
    await subscribe(bot)
    bot.sender.errors.append(Forbidden("Forbidden: bot was blocked by the user"))
    clock.set(MONDAY_SLOT)
    report = await bot.dispatcher.run_once()
    assert report.count("blocked") == 1 and bot.sender.calls == 1
    assert not (await bot.store.reminders.get(USER)).active
    clock.set(WEDNESDAY_SLOT)
    await bot.dispatcher.run_once()
    assert bot.sender.calls == 1


async def test_a_subscription_in_a_group_chat_is_never_sent_there(start, clock):
    """An older release let /remind in a group subscribe the group: its reminder (with the
    user's session and progress) must not go to the group, and is recorded as not sent."""
    bot = await start()
    now = bot.assistant.outbox.now()
    await bot.store.users.save(UserState(USER, chat_id=USER), now)
    group = -100123
    await bot.store.reminders.subscribe(
        USER, group, Schedule(frozenset({0}), time(18, 30), "Europe/Oslo"), now
    )
    clock.set(MONDAY_SLOT)
    report = await bot.dispatcher.run_once()
    assert bot.sender.calls == 0 and report.count("sent") == 0
    assert await statuses(bot) == {"2026-01-05T18:30": "failed"}


async def test_flood_control_defers_and_the_reminder_still_arrives(start, clock):
    bot = await start()
    await subscribe(bot)
    # What is left once PTB's rate limiter has waited and retried on its own.
    bot.sender.errors.append(RetryAfter(timedelta(seconds=5)))
    clock.set(MONDAY_SLOT)
    assert (await bot.dispatcher.run_once()).count("deferred") == 1
    clock.advance(timedelta(seconds=10))
    await bot.dispatcher.run_once()
    assert bot.sender.sent == []  # not before its turn
    clock.advance(timedelta(seconds=25))
    await bot.dispatcher.run_once()
    assert len(bot.sender.sent) == 1
    assert await statuses(bot) == {"2026-01-05T18:30": "sent"}


async def test_network_errors_are_retried_with_back_off(start, clock):
    bot = await start()
    await subscribe(bot)
    bot.sender.errors += [NetworkError("Bad Gateway"), NetworkError("httpx.ConnectError")]
    clock.set(MONDAY_SLOT)
    assert (await bot.dispatcher.run_once()).count("sent") == 1
    assert bot.sender.calls == 3


async def test_a_long_network_outage_defers_until_it_is_over(start, clock):
    bot = await start()
    await subscribe(bot)
    bot.sender.errors += [NetworkError("httpx.ConnectError")] * 3
    clock.set(MONDAY_SLOT)
    assert (await bot.dispatcher.run_once()).count("deferred") == 1
    clock.advance(timedelta(minutes=1))
    assert (await bot.dispatcher.run_once()).count("sent") == 1


async def test_a_timeout_after_the_request_went_out_is_not_repeated(start, clock):
    bot = await start()
    await subscribe(bot)
    try:
        raise TimedOut() from httpx.ReadTimeout("no answer")
    except TimedOut as error:
        bot.sender.errors.append(error)
    clock.set(MONDAY_SLOT)
    assert (await bot.dispatcher.run_once()).count("unconfirmed") == 1
    clock.advance(timedelta(minutes=5))
    await bot.dispatcher.run_once()
    assert bot.sender.calls == 1


async def test_one_failing_reminder_does_not_stop_the_others(start, clock, monkeypatch):
    bot = await start()
    for user_id in (701, 702, 703):
        await subscribe(bot, user_id)
    bot.sender.errors.append(BadRequest("Bad Request: chat not found"))
    original = bot.assistant.outbox.compose

    async def broken_for_702(delivery):
        if delivery.subscription.user_id == 702:
            raise RuntimeError("a bug")
        return await original(delivery)

    monkeypatch.setattr(bot.assistant.outbox, "compose", broken_for_702)
    clock.set(MONDAY_SLOT)
    report = await bot.dispatcher.run_once()
    assert report.count("failed") == 2 and report.count("sent") == 1
    clock.set(WEDNESDAY_SLOT)
    monkeypatch.undo()
    assert (await bot.dispatcher.run_once()).count("sent") == 3  # everyone's schedule goes on


async def test_a_burst_due_in_the_same_minute_is_all_sent_once(start, clock):
    bot = await start()
    users = range(1000, 1250)
    for user_id in users:
        await subscribe(bot, user_id)
    clock.set(MONDAY_SLOT + timedelta(seconds=30))
    report = await bot.dispatcher.run_once()
    assert report.count("sent") == len(users)
    assert sorted(chat for chat, _ in bot.sender.sent) == list(users)


async def test_erasing_a_user_erases_their_reminders(start, clock):
    bot = await start()
    await subscribe(bot)
    await bot.store.users.delete_everything(USER)
    clock.set(MONDAY_SLOT)
    await bot.dispatcher.run_once()
    assert bot.sender.sent == []
    assert await bot.store.reminders.get(USER) is None


async def test_finished_deliveries_are_pruned_after_90_days_and_open_ones_kept(start, clock):
    bot = await start()
    subscription = await subscribe(bot)
    old = MONDAY_SLOT - timedelta(days=120)
    async with bot.store.db.transaction() as db:
        for slot, status in (("2025-09-01T18:30", "sent"), ("2025-09-03T18:30", "sending")):
            await db.execute(
                "INSERT INTO deliveries (subscription_id, local_slot, due_utc, status) "
                "VALUES (?, ?, ?, ?)",
                (subscription.id, slot, old.isoformat(), status),
            )
    clock.set(MONDAY_SLOT)
    await bot.dispatcher.run_once()
    await bot.dispatcher.prune()
    remaining = await statuses(bot)
    assert "2025-09-01T18:30" not in remaining, "a sent reminder from 4 months ago is forgotten"
    assert remaining["2025-09-03T18:30"] == "sending", "an unfinished one is never dropped"
    assert remaining["2026-01-05T18:30"] == "sent"
    clock.advance(timedelta(days=91))
    await bot.dispatcher.prune()
    assert "2026-01-05T18:30" not in await statuses(bot)
