"""The opt-in weekly summary's schedule: one weekday per subscription, at the reminder time.

Each summary that comes due becomes a row of `deliveries` (slot key "2026-01-04T18:30.w"), so it
is claimed, sent and recovered exactly like a reminder: at most once, never lost on a restart.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.model.reminders import CANCELLED, DUE, MISSED, Materialized, Subscription
from bot.model.schedule import (
    SUMMARY_SUFFIX,
    Slot,
    first_slot_after,
    following_slot,
    parse_slot_key,
    summary_key,
    summary_schedule,
)
from bot.store.db import Database, Row
from bot.store.reminders import BATCH, MISSED_HISTORY, ReminderRepository, stamp, subscription_of


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
        due = missed = 0
        while True:
            async with self._db.transaction() as db:
                rows = await db.fetchall(
                    "SELECT * FROM subscriptions WHERE active = 1 AND paused = 0 "
                    "AND summary_day IS NOT NULL AND summary_due_utc <= ? "
                    f"ORDER BY summary_due_utc LIMIT ?{self._db.skip_locked}",
                    (stamp(now), BATCH),
                )
                deliveries: list[tuple] = []
                moves: list[tuple] = []
                for row in rows:
                    subscription = subscription_of(row)
                    passed, upcoming = _passed(subscription, row, now)
                    for slot in passed:
                        status = DUE if slot is passed[-1] and now - slot.due <= grace else MISSED
                        due += status == DUE
                        missed += status == MISSED
                        key = summary_key(slot.key)
                        deliveries.append((subscription.id, key, stamp(slot.due), status))
                    moves.append((stamp(upcoming.due), upcoming.key, subscription.id))
                await db.executemany(
                    "INSERT INTO deliveries (subscription_id, local_slot, due_utc, status) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    deliveries,
                )
                await db.executemany(
                    "UPDATE subscriptions SET summary_due_utc = ?, summary_slot = ? WHERE id = ?",
                    moves,
                )
            if len(rows) < BATCH:
                return Materialized(due, missed)


def _passed(subscription: Subscription, row: Row, now: datetime) -> tuple[list[Slot], Slot]:
    """The summary slots from the stored next one up to `now`, and the first one after."""
    assert subscription.summary_day is not None
    schedule = summary_schedule(subscription.schedule, subscription.summary_day)
    oldest = now - MISSED_HISTORY
    slot = first_slot_after(schedule, oldest)
    if row["summary_slot"] and row["summary_due_utc"]:
        stored = Slot(
            parse_slot_key(row["summary_slot"]), datetime.fromisoformat(row["summary_due_utc"])
        )
        slot = stored if stored.due >= oldest else slot
    passed = []
    while slot.due <= now:
        passed.append(slot)
        slot = following_slot(schedule, slot)
    return passed, slot
