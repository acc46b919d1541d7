"""Reminder subscriptions and their deliveries: the only record of what is due and what was sent.

A delivery is one row per (subscription, local slot), so the same reminder can never be queued
twice. Its life: `due` (owed) → `sending` (claimed just before the HTTP request) → `sent`;
or `missed` (older than the grace period), `blocked` (the user blocked the bot), `failed`
(Telegram refused it), `cancelled` (a snooze made pointless), `unconfirmed` (the request may have
arrived but no answer came: the process died mid-request, or the response timed out; never
repeated, which is what makes delivery at-most-once).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from bot.model.reminders import (
    BLOCKED,
    CANCELLED,
    DUE,
    FINISHED,
    MISSED,
    SENDING,
    SENT,
    UNCONFIRMED,
    Delivery,
    Materialized,
    Subscription,
)
from bot.model.schedule import (
    Schedule,
    Slot,
    first_slot_after,
    following_slot,
    parse_days,
    parse_slot_key,
    parse_time,
)
from bot.store.db import Database, Row, Transaction

MISSED_HISTORY = timedelta(days=7)
"""After a long outage, missed slots older than this are not recorded one by one."""
BATCH = 1000
"""Subscriptions materialised per transaction."""
YIELD_EVERY = 100
"""Rows of slot arithmetic between two breaks for the event loop: a busy tick's batch holds it a
few milliseconds at a time, not for all its rows (the transaction stays one, its hops few)."""
PRUNE_BATCH = 10_000
LEASE = timedelta(minutes=5)
"""How long deliveries handed to one sender (`pending` with an owner) stay its own: long enough
for a batch to be sent at Telegram's rate; after that, or once that sender is gone, others may
take them."""


class ReminderRepository:
    def __init__(self, db: Database):
        self._db = db

    # -- subscriptions ----------------------------------------------------------------------------

    async def get(self, user_id: int) -> Subscription | None:
        row = await self._db.fetchone("SELECT * FROM subscriptions WHERE user_id = ?", (user_id,))
        return _subscription(row) if row else None

    async def subscribe(
        self, user_id: int, chat_id: int, schedule: Schedule, now: datetime
    ) -> Subscription:
        """Create or replace the user's schedule (the users row must exist); starts it running."""
        slot = first_slot_after(schedule, now)
        async with self._db.transaction() as db:
            await db.execute(
                """
                INSERT INTO subscriptions (user_id, chat_id, days, local_time, timezone, active,
                    paused, next_due_utc, next_slot, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 1, 0, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET
                    chat_id = excluded.chat_id, days = excluded.days,
                    local_time = excluded.local_time, timezone = excluded.timezone, active = 1,
                    paused = 0, next_due_utc = excluded.next_due_utc,
                    next_slot = excluded.next_slot, updated_at = excluded.updated_at
                """,
                (
                    user_id,
                    chat_id,
                    schedule.days_text,
                    schedule.time_text,
                    schedule.timezone,
                    stamp(slot.due),
                    slot.key,
                    stamp(now),
                    stamp(now),
                ),
            )
            await _cancel_open(db, user_id)
        subscription = await self.get(user_id)
        assert subscription is not None
        return subscription

    async def pause(self, user_id: int, now: datetime) -> Subscription | None:
        """Nothing is sent while paused; resuming starts from the next slot, without catch-up."""
        return await self._set(user_id, "paused = 1", now, cancel_open=True)

    async def stop(self, user_id: int, now: datetime) -> Subscription | None:
        """Turned off; the schedule is kept so that it can be turned back on."""
        return await self._set(user_id, "active = 0", now, cancel_open=True)

    async def resume(self, user_id: int, now: datetime) -> Subscription | None:
        current = await self.get(user_id)
        if current is None:
            return None
        slot = first_slot_after(current.schedule, now)
        async with self._db.transaction() as db:
            await db.execute(
                "UPDATE subscriptions SET active = 1, paused = 0, next_due_utc = ?, "
                "next_slot = ?, updated_at = ? WHERE user_id = ?",
                (stamp(slot.due), slot.key, stamp(now), user_id),
            )
        return await self.get(user_id)

    async def _set(
        self, user_id: int, assignment: str, now: datetime, cancel_open: bool = False
    ) -> Subscription | None:
        async with self._db.transaction() as db:
            await db.execute(
                f"UPDATE subscriptions SET {assignment}, updated_at = ? WHERE user_id = ?",
                (stamp(now), user_id),
            )
            if cancel_open:
                await _cancel_open(db, user_id)
        return await self.get(user_id)

    # -- what the dispatcher does, in order -------------------------------------------------------

    async def register_sender(self, owner: str, host: str, pid: int, now: datetime) -> None:
        """A process that sends reminders; its `owner` id is stamped on every delivery it claims."""
        await self._db.write(
            "INSERT INTO senders (owner, host, pid, heartbeat_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (owner) DO UPDATE SET heartbeat_at = excluded.heartbeat_at",
            (owner, host, pid, stamp(now)),
        )

    async def heartbeat(self, owner: str, now: datetime) -> None:
        await self._db.write(
            "UPDATE senders SET heartbeat_at = ? WHERE owner = ?", (stamp(now), owner)
        )

    async def senders(self) -> list[tuple[str, str, int, datetime]]:
        """(owner, host, pid, last heartbeat) of every process registered as sending."""
        rows = await self._db.fetchall("SELECT owner, host, pid, heartbeat_at FROM senders")
        return [
            (r["owner"], r["host"], r["pid"], datetime.fromisoformat(r["heartbeat_at"]))
            for r in rows
        ]

    async def recover_interrupted(self, gone: list[str]) -> int:
        """Requests cut off by a crash are not retried (they may have arrived): deliveries left
        `sending` by the processes in `gone` (or by none still registered) become `unconfirmed`.
        A live process's claims are never touched."""
        async with self._db.transaction() as db:
            await db.executemany("DELETE FROM senders WHERE owner = ?", [(g,) for g in gone])
            return await db.execute(
                "UPDATE deliveries SET status = ? WHERE status = ? AND (claimed_by IS NULL "
                "OR claimed_by NOT IN (SELECT owner FROM senders))",
                (UNCONFIRMED, SENDING),
            )

    async def materialize_due(self, now: datetime, grace: timedelta) -> Materialized:
        """Turn every slot that has come due into a delivery row and move schedules forward.

        Of the slots a subscription passed (downtime), only the latest can still be sent, and only
        within `grace`; the others are recorded as missed.
        """
        return await materialize(self._db, REMINDER_SLOTS, now, grace)

    async def pending(self, now: datetime, limit: int, owner: str | None = None) -> list[Delivery]:
        """Deliveries owed now, oldest first (deferred ones wait for their `not_before`).

        With an `owner`, they are also handed to that sender for LEASE: other instances asking
        at the same time get other deliveries (rows being handed out are skipped, not waited
        for), so instances share the work instead of racing for the same claims."""
        if owner is None:
            rows = await self._db.fetchall(
                "SELECT s.*, d.local_slot, d.due_utc AS delivery_due, d.attempts "
                "FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id "
                f"WHERE {_OWED} ORDER BY d.due_utc LIMIT ?",
                (stamp(now), stamp(now), limit),
            )
            return [_delivery(row, _subscription(row)) for row in rows]
        async with self._db.transaction() as db:
            handed = await db.fetchall(
                "UPDATE deliveries SET claimed_by = ?, claimed_at = ? "
                "WHERE (subscription_id, local_slot) IN (SELECT d.subscription_id, d.local_slot "
                f"FROM deliveries d WHERE {_OWED_ROW} AND (d.claimed_by IS NULL "
                "OR d.claimed_by = ? OR d.claimed_at < ? "
                "OR d.claimed_by NOT IN (SELECT owner FROM senders)) "
                f"ORDER BY d.due_utc LIMIT ?{self._db.skip_locked}) "
                "RETURNING subscription_id, local_slot, due_utc AS delivery_due, attempts",
                (owner, stamp(now), stamp(now), stamp(now), owner, stamp(now - LEASE), limit),
            )
            ids = sorted({row["subscription_id"] for row in handed})
            marks = ", ".join("?" for _ in ids)
            subscriptions = {
                row["id"]: _subscription(row)
                for row in (
                    await db.fetchall(f"SELECT * FROM subscriptions WHERE id IN ({marks})", ids)
                    if ids
                    else []
                )
            }
        deliveries = [_delivery(row, subscriptions[row["subscription_id"]]) for row in handed]
        return sorted(deliveries, key=lambda delivery: delivery.due)

    async def claim(
        self, delivery: Delivery, now: datetime, grace: timedelta, owner: str | None = None
    ) -> str | None:
        """`sending` if this process may send it now, `missed` if too late, None if taken."""
        rows = await self._db.write(
            "UPDATE deliveries SET status = CASE WHEN due_utc < ? THEN ? ELSE ? END, "
            "attempts = attempts + CASE WHEN due_utc >= ? THEN 1 ELSE 0 END, claimed_at = ?, "
            "claimed_by = ? WHERE subscription_id = ? AND local_slot = ? AND status = ? "
            "AND (claimed_by IS NULL OR claimed_by = ?) RETURNING status",
            (
                stamp(now - grace),
                MISSED,
                SENDING,
                stamp(now - grace),
                stamp(now),
                owner,
                delivery.subscription.id,
                delivery.slot,
                DUE,
                owner,
            ),
        )
        return rows[0]["status"] if rows else None

    async def finish(
        self, delivery: Delivery, status: str, now: datetime, error: str | None = None
    ) -> None:
        """Record how a claimed delivery ended (`sent`, `failed`, `unconfirmed`)."""
        await self._db.write(
            "UPDATE deliveries SET status = ?, sent_at = ?, error = ? "
            "WHERE subscription_id = ? AND local_slot = ? AND status = ?",
            (
                status,
                stamp(now) if status == SENT else None,
                error,
                delivery.subscription.id,
                delivery.slot,
                SENDING,
            ),
        )

    async def block(self, delivery: Delivery, now: datetime, error: str) -> None:
        """The user blocked the bot: this delivery ends and the subscription is switched off."""
        subscription = delivery.subscription
        async with self._db.transaction() as db:
            await db.execute(
                "UPDATE deliveries SET status = ?, error = ? WHERE subscription_id = ? "
                "AND local_slot = ?",
                (BLOCKED, error, subscription.id, delivery.slot),
            )
            await db.execute(
                "UPDATE subscriptions SET active = 0, updated_at = ? WHERE id = ?",
                (stamp(now), subscription.id),
            )
            await _cancel_open(db, subscription.user_id)

    async def defer(self, delivery: Delivery, until: datetime, error: str) -> None:
        """Not sent, certainly (flood control, no connection): owed again from `until`."""
        await self._db.write(
            "UPDATE deliveries SET status = ?, not_before = ?, error = ? "
            "WHERE subscription_id = ? AND local_slot = ? AND status = ?",
            (DUE, stamp(until), error, delivery.subscription.id, delivery.slot, SENDING),
        )

    # -- what the reminder buttons do -------------------------------------------------------------

    async def snooze(self, subscription_id: int, slot: str, due: datetime) -> bool:
        """Owe one more delivery at `due`; False if that snooze already exists."""
        rows = await self._db.write(
            "INSERT INTO deliveries (subscription_id, local_slot, due_utc, status) "
            "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1",
            (subscription_id, slot, stamp(due), DUE),
        )
        return bool(rows)

    async def snoozed_until(self, subscription_id: int, slot: str) -> datetime | None:
        row = await self._db.fetchone(
            "SELECT due_utc FROM deliveries WHERE subscription_id = ? AND local_slot = ?",
            (subscription_id, slot),
        )
        return datetime.fromisoformat(row["due_utc"]) if row else None

    async def cancel_snoozes(self, subscription_id: int, local_date: str) -> None:
        """The day's session is done or skipped: its pending snoozes are pointless now."""
        async with self._db.transaction() as db:
            await db.execute(
                "UPDATE deliveries SET status = ? WHERE subscription_id = ? AND status = ? "
                "AND local_slot LIKE ?",
                (CANCELLED, subscription_id, DUE, f"{local_date}T%.s%"),
            )

    async def prune(self, before: datetime, batch: int = PRUNE_BATCH) -> int:
        """Forget finished deliveries that fell due before `before`; returns how many.

        Slots are only ever generated forward from a subscription's next slot, so an old row
        is no longer needed to prevent a double send; unfinished ones (due, sending) are kept.
        `batch` rows at a time, each batch its own transaction: months of history (millions of rows
        after an upgrade) never hold one long transaction over the table the tick writes. The
        finished statuses are named so that the (status, due_utc) index finds the rows.
        """
        statuses = ", ".join("?" for _ in FINISHED)
        removed = 0
        while True:
            async with self._db.transaction() as db:
                deleted = await db.execute(
                    "DELETE FROM deliveries WHERE (subscription_id, local_slot) IN ("
                    "SELECT subscription_id, local_slot FROM deliveries "
                    f"WHERE status IN ({statuses}) AND due_utc < ? LIMIT ?)",
                    (*FINISHED, stamp(before), batch),
                )
            removed += deleted
            if deleted < batch:
                return removed

    async def statuses(self, subscription_id: int) -> dict[str, str]:
        """Slot → status of every delivery of a subscription (for tests and support)."""
        rows = await self._db.fetchall(
            "SELECT local_slot, status FROM deliveries WHERE subscription_id = ? "
            "ORDER BY local_slot",
            (subscription_id,),
        )
        return {row["local_slot"]: row["status"] for row in rows}


def _passed_slots(
    slots: SlotColumns, subscription: Subscription, row: Row, now: datetime
) -> tuple[list[Slot], Slot]:
    """The slots from the stored next one up to `now`, and the first slot after `now`; after a
    long outage, from MISSED_HISTORY ago."""
    schedule = slots.schedule(subscription)
    oldest = now - MISSED_HISTORY
    slot = None
    if row[slots.slot] and row[slots.due]:
        stored = Slot(parse_slot_key(row[slots.slot]), datetime.fromisoformat(row[slots.due]))
        slot = stored if stored.due >= oldest else None
    if slot is None:  # never scheduled, or an outage longer than MISSED_HISTORY
        slot = first_slot_after(schedule, oldest)
    passed = []
    while slot.due <= now:
        passed.append(slot)
        slot = following_slot(schedule, slot)
    return passed, slot


@dataclass(frozen=True)
class SlotColumns:
    """One series of deliveries a subscription owes: where its next slot is stored, which
    subscriptions have one, the schedule it follows and the delivery key of a slot."""

    due: str
    slot: str
    condition: str
    schedule: Callable[[Subscription], Schedule]
    key: Callable[[str], str]


REMINDER_SLOTS = SlotColumns(
    due="next_due_utc",
    slot="next_slot",
    condition="",
    schedule=lambda subscription: subscription.schedule,
    key=lambda key: key,
)


async def materialize(
    database: Database, slots: SlotColumns, now: datetime, grace: timedelta
) -> Materialized:
    """Every slot of the series that has come due becomes a delivery row (the latest passed one
    `due` if within `grace`, older ones `missed`) and each subscription's next slot moves on."""
    due = missed = 0
    while True:
        async with database.transaction() as db:
            # Another instance materialising at the same moment skips these rows.
            rows = await db.fetchall(
                "SELECT * FROM subscriptions WHERE active = 1 AND paused = 0 "
                f"{slots.condition}AND {slots.due} <= ? "
                f"ORDER BY {slots.due} LIMIT ?{database.skip_locked}",
                (stamp(now), BATCH),
            )
            deliveries: list[tuple] = []
            moves: list[tuple] = []
            for number, row in enumerate(rows, start=1):
                if number % YIELD_EVERY == 0:
                    await asyncio.sleep(0)
                subscription = _subscription(row)
                passed, upcoming = _passed_slots(slots, subscription, row, now)
                for slot in passed:
                    status = DUE if slot is passed[-1] and now - slot.due <= grace else MISSED
                    due += status == DUE
                    missed += status == MISSED
                    key = slots.key(slot.key)
                    deliveries.append((subscription.id, key, stamp(slot.due), status))
                moves.append((stamp(upcoming.due), upcoming.key, subscription.id))
            await db.executemany(
                "INSERT INTO deliveries (subscription_id, local_slot, due_utc, status) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                deliveries,
            )
            await db.executemany(
                f"UPDATE subscriptions SET {slots.due} = ?, {slots.slot} = ? WHERE id = ?", moves
            )
        if len(rows) < BATCH:
            return Materialized(due, missed)


async def _cancel_open(db: Transaction, user_id: int) -> None:
    await db.execute(
        "UPDATE deliveries SET status = ? WHERE status = ? AND subscription_id IN "
        "(SELECT id FROM subscriptions WHERE user_id = ?)",
        (CANCELLED, DUE, user_id),
    )


_OWED_ROW = (
    "d.status = 'due' AND d.due_utc <= ? AND (d.not_before IS NULL OR d.not_before <= ?) "
    "AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.id = d.subscription_id "
    "AND s.active = 1 AND s.paused = 0)"
)
_OWED = (
    "d.status = 'due' AND d.due_utc <= ? AND (d.not_before IS NULL OR d.not_before <= ?) "
    "AND s.active = 1 AND s.paused = 0"
)


def _delivery(row: Row, subscription: Subscription) -> Delivery:
    return Delivery(
        subscription,
        row["local_slot"],
        datetime.fromisoformat(row["delivery_due"]),
        row["attempts"],
    )


def _subscription(row: Row) -> Subscription:
    return Subscription(
        id=row["id"],
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        schedule=_schedule(row["days"], row["local_time"], row["timezone"]),
        active=bool(row["active"]),
        paused=bool(row["paused"]),
        next_due=datetime.fromisoformat(row["next_due_utc"]) if row["next_due_utc"] else None,
        next_slot=row["next_slot"],
        created_at=datetime.fromisoformat(row["created_at"]),
        summary_day=row["summary_day"],
    )


@lru_cache(maxsize=8192)
def _schedule(days: str, local_time: str, timezone: str) -> Schedule:
    """Parsed once per distinct schedule (Schedule is immutable): a tick reads hundreds of rows
    that share a few hundred schedules, and parsing each was a third of its time."""
    return Schedule(parse_days(days), parse_time(local_time), timezone)


def stamp(moment: datetime) -> str:
    """UTC, to the second, one fixed width: these strings are compared in SQL."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")
