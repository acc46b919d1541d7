"""Session walks (which step a user is on today, what they did, skipped or found painful) and
the check-in after each session (pain 0-10 and one question on everyday function)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.store.db import Database

FUNCTION_ANSWERS = ("better", "same", "worse")


@dataclass
class Walk:
    user_id: int
    day: date
    level: str
    goal: str
    position: int = 0
    done: list[int] = field(default_factory=list)
    """Steps finished with Next or Done (only these make a session count)."""
    skipped: list[int] = field(default_factory=list)
    hurt: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Checkin:
    day: date
    pain: int | None
    function: str | None


class WalkRepository:
    def __init__(self, db: Database):
        self._db = db

    async def get(self, user_id: int) -> Walk | None:
        row = await self._db.fetchone("SELECT * FROM session_walks WHERE user_id = ?", (user_id,))
        if row is None:
            return None
        return Walk(
            user_id=user_id,
            day=date.fromisoformat(row["local_date"]),
            level=row["level"],
            goal=row["goal"],
            position=row["position"],
            done=json.loads(row["done"]),
            skipped=json.loads(row["skipped"]),
            hurt=json.loads(row["hurt"]),
        )

    async def save(self, walk: Walk, now: datetime) -> None:
        async with self._db.transaction() as db:
            await db.execute(
                "INSERT INTO session_walks (user_id, local_date, level, goal, position, done, "
                "skipped, hurt, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (user_id) DO UPDATE SET local_date = excluded.local_date, "
                "level = excluded.level, goal = excluded.goal, position = excluded.position, "
                "done = excluded.done, skipped = excluded.skipped, hurt = excluded.hurt, "
                "updated_at = excluded.updated_at",
                (
                    walk.user_id,
                    walk.day.isoformat(),
                    walk.level,
                    walk.goal,
                    walk.position,
                    json.dumps(sorted(set(walk.done))),
                    json.dumps(sorted(set(walk.skipped))),
                    json.dumps(sorted(set(walk.hurt))),
                    now.isoformat(),
                ),
            )

    async def clear(self, user_id: int) -> None:
        async with self._db.transaction() as db:
            await db.execute("DELETE FROM session_walks WHERE user_id = ?", (user_id,))

    async def record_checkin(
        self,
        user_id: int,
        day: date,
        now: datetime,
        pain: int | None = None,
        function: str | None = None,
    ) -> None:
        """Store the pain rating or the function answer for that day's session (the other part
        is kept when only one is given)."""
        if function is not None and function not in FUNCTION_ANSWERS:
            raise ValueError(f"unknown function answer {function!r}")
        async with self._db.transaction() as db:
            await db.execute(
                "INSERT INTO session_checkins (user_id, local_date, pain, function, created_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, local_date) DO UPDATE SET "
                "pain = COALESCE(excluded.pain, session_checkins.pain), "
                "function = COALESCE(excluded.function, session_checkins.function)",
                (user_id, day.isoformat(), pain, function, now.isoformat()),
            )

    async def checkins(self, user_id: int, first: date, last: date) -> list[Checkin]:
        rows = await self._db.fetchall(
            "SELECT local_date, pain, function FROM session_checkins WHERE user_id = ? "
            "AND local_date BETWEEN ? AND ? ORDER BY local_date",
            (user_id, first.isoformat(), last.isoformat()),
        )
        return [
            Checkin(date.fromisoformat(r["local_date"]), r["pain"], r["function"]) for r in rows
        ]
