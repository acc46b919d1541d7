"""The opt-in weekly summary's schedule: one weekday per subscription, at the reminder time.

Each summary that comes due becomes a row of `deliveries` (slot key "2026-01-04T18:30.w"), so it
is claimed, sent and recovered exactly like a reminder: at most once, never lost on a restart.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.model.reminders import CANCELLED, DUE, Materialized, Subscription
from bot.model.schedule import (
    SUMMARY_SUFFIX,
    Schedule,
    first_slot_after,
    summary_key,
    summary_schedule,
)
from bot.store.db import Database
from bot.store.reminders import ReminderRepository, SlotColumns, materialize, stamp


class SummaryRepository:
    def __init__(self, db: Database, reminders: ReminderRepository):
        self._db = db
        self._reminders = reminders

    async def set_day(self, user_id: int, day: int | None, now: datetime) -> Subscription | None:
        """Send the summary every `day` (Monday=0) from the next one on; None turns it off.
        None when the user has no reminders (the summary comes at their time)."""
        current = await self._reminders.get(user_id)
        if current is None:
            return None
        due = slot = None
        if day is not None:
            upcoming = first_slot_after(summary_schedule(current.schedule, day), now)
            due, slot = stamp(upcoming.due), upcoming.key
        async with self._db.transaction() as db:
            await db.execute(
                "UPDATE subscriptions SET summary_day = ?, summary_due_utc = ?, "
                "summary_slot = ?, updated_at = ? WHERE user_id = ?",
                (day, due, slot, stamp(now), user_id),
            )
            await db.execute(
                "UPDATE deliveries SET status = ? WHERE status = ? AND local_slot LIKE ? "
                "AND subscription_id = ?",
                (CANCELLED, DUE, f"%{SUMMARY_SUFFIX}", current.id),
            )
        return await self._reminders.get(user_id)

    async def materialize_due(self, now: datetime, grace: timedelta) -> Materialized:
        """Every summary that has come due becomes a delivery; its schedule moves a week on.
        Only the latest passed one can still be sent (within `grace`); others are missed."""
        return await materialize(self._db, SUMMARY_SLOTS, now, grace)


def _summary_schedule(subscription: Subscription) -> Schedule:
    assert subscription.summary_day is not None  # the condition below selects only these
    return summary_schedule(subscription.schedule, subscription.summary_day)


SUMMARY_SLOTS = SlotColumns(
    due="summary_due_utc",
    slot="summary_slot",
    condition="AND summary_day IS NOT NULL ",
    schedule=_summary_schedule,
    key=summary_key,
)
