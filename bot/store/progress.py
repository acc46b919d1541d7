"""Completed, skipped and painful sessions per user and local date: the basis of /progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.store.db import Database

OUTCOMES = ("done", "skipped", "hurt")


@dataclass(frozen=True)
class SessionRecord:
    local_date: date
    outcome: str


class ProgressRepository:
    def __init__(self, db: Database):
        self._db = db

    async def record(self, user_id: int, local_date: date, outcome: str, now: datetime) -> bool:
        """Store one outcome for that day; False if it was already recorded (a double tap)."""
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown session outcome {outcome!r}")
        async with self._db.transaction() as db:
            inserted = await db.execute(
                "INSERT INTO sessions_done (user_id, local_date, outcome, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (user_id, local_date.isoformat(), outcome, now.isoformat()),
            )
            return inserted == 1

    async def between(self, user_id: int, first: date, last: date) -> list[SessionRecord]:
        """Records from `first` to `last` inclusive, oldest first."""
        rows = await self._db.fetchall(
            "SELECT local_date, outcome FROM sessions_done WHERE user_id = ? "
            "AND local_date BETWEEN ? AND ? ORDER BY local_date, created_at",
            (user_id, first.isoformat(), last.isoformat()),
        )
        return [SessionRecord(date.fromisoformat(r["local_date"]), r["outcome"]) for r in rows]

    async def recent(self, user_id: int, limit: int = 10) -> list[SessionRecord]:
        """The latest records, newest first."""
        rows = await self._db.fetchall(
            "SELECT local_date, outcome FROM sessions_done WHERE user_id = ? "
            "ORDER BY local_date DESC, created_at DESC LIMIT ?",
            (user_id, limit),
        )
        return [SessionRecord(date.fromisoformat(r["local_date"]), r["outcome"]) for r in rows]
