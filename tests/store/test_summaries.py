"""The weekly summary's schedule on both engines: due once on its day at the reminder time, a
delivery like any reminder (claimed once), moved a week on, and nothing once turned off."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time

from bot.model.reminders import SENT
from bot.model.schedule import Schedule
from bot.model.user import UserState

MONDAY = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
SUNDAY_AT_NINE = datetime(2026, 1, 11, 9, 0, tzinfo=UTC)
GRACE = timedelta(hours=2)
USER = 5_000_000_001  # beyond 32 bits, as Telegram ids are


async def subscribed(store) -> None:
    await store.users.save(UserState(USER, chat_id=USER), MONDAY)
    schedule = Schedule(frozenset({0, 2, 4}), clock_time(9, 0), "UTC")
    await store.reminders.subscribe(USER, USER, schedule, MONDAY)


async def test_the_summary_is_one_delivery_on_its_day_claimed_once(engine_store, second_store):
    await subscribed(engine_store)
    on = await engine_store.summaries.set_day(USER, 6, MONDAY)
    assert on is not None and on.summary_day == 6
    before = await engine_store.summaries.materialize_due(
        SUNDAY_AT_NINE - timedelta(seconds=1), GRACE
    )
    assert before.due == 0
    made = await asyncio.gather(
        engine_store.summaries.materialize_due(SUNDAY_AT_NINE, GRACE),
        second_store.summaries.materialize_due(SUNDAY_AT_NINE, GRACE),
    )
    assert sum(m.due for m in made) == 1
    owed = await engine_store.reminders.pending(SUNDAY_AT_NINE, 10)
    (delivery,) = [d for d in owed if d.slot.endswith(".w")]
    assert delivery.slot == "2026-01-11T09:00.w"
    claims = await asyncio.gather(
        engine_store.reminders.claim(delivery, SUNDAY_AT_NINE, GRACE, "a"),
        second_store.reminders.claim(delivery, SUNDAY_AT_NINE, GRACE, "b"),
    )
    assert sorted(map(str, claims)) == ["None", "sending"]
    await engine_store.reminders.finish(delivery, SENT, SUNDAY_AT_NINE)
    again = await engine_store.summaries.materialize_due(SUNDAY_AT_NINE + timedelta(hours=1), GRACE)
    assert again.due == 0
    moved = await engine_store.reminders.get(USER)
    assert moved.summary_day == 6
    next_week = await engine_store.summaries.materialize_due(
        SUNDAY_AT_NINE + timedelta(weeks=1), GRACE
    )
    assert next_week.due == 1


async def test_turned_off_nothing_comes_due(engine_store):
    await subscribed(engine_store)
    await engine_store.summaries.set_day(USER, 6, MONDAY)
    off = await engine_store.summaries.set_day(USER, None, MONDAY)
    assert off is not None and off.summary_day is None
    assert (await engine_store.summaries.materialize_due(SUNDAY_AT_NINE, GRACE)).due == 0


async def test_without_reminders_there_is_no_summary(engine_store):
    assert await engine_store.summaries.set_day(USER, 6, MONDAY) is None
