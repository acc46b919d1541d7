"""Reminders that fell due while the bot was down, and what became of them: for the SIGKILL test
and the reliability benchmark, which run the real bot against these databases."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.model.schedule import Schedule
from bot.model.user import UserState
from bot.store import Store
from harness.fake_bot_api import FakeBotAPI

ZONE = "Europe/Oslo"
REMINDER_TEXT = "Time for your back session"
SETTLED = ("sent", "unconfirmed", "missed", "failed", "blocked", "cancelled")
"""Delivery statuses that end a delivery: nothing more will be sent for it."""


def seed_many_overdue(database: Path, count: int, first_user: int = 5000) -> list[int]:
    """Through the store API: `count` subscribers whose reminder fell due a quarter of an hour
    ago (no delivery row yet: the bot's first tick makes them)."""

    async def seed() -> None:
        store = await Store.open(database)
        try:
            slot = (datetime.now(UTC) - timedelta(minutes=15)).astimezone(ZoneInfo(ZONE))
            schedule = Schedule(frozenset({slot.weekday()}), slot.time().replace(second=0), ZONE)
            subscribed = slot - timedelta(minutes=10)
            for user in range(first_user, first_user + count):
                await store.users.save(UserState(user, chat_id=user), subscribed)
                await store.reminders.subscribe(user, user, schedule, subscribed)
        finally:
            await store.close()

    asyncio.run(seed())
    return list(range(first_user, first_user + count))


def reminders(api: FakeBotAPI) -> list[dict]:
    return [m for m in api.sent if REMINDER_TEXT in m["text"]]


def statuses(database: Path) -> dict[str, int]:
    """How many deliveries are in each status (read beside the running bot; WAL allows it)."""
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT status, COUNT(*) FROM deliveries GROUP BY status")
        return dict(rows.fetchall())


def settled(database: Path, count: int) -> bool:
    """Whether all `count` seeded reminders have ended. Before the bot's first tick there are no
    delivery rows at all, so "nothing due or sending" alone would be true at once."""
    found = statuses(database)
    return sum(found.get(status, 0) for status in SETTLED) >= count
