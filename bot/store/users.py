"""Users: profile, conversation step and per-exercise progression."""

from __future__ import annotations

import json
from datetime import datetime

from bot.brain.state import UserState
from bot.store.db import Database

_USER_TABLES = ("exercise_stages", "sessions_done", "subscriptions", "escalations", "users")


class UserRepository:
    def __init__(self, db: Database):
        self._db = db

    async def load(self, user_id: int, chat_id: int = 0) -> UserState:
        """The stored state, or a fresh one (not yet saved) for a new user."""
        row = await self._db.fetchone("SELECT * FROM users WHERE user_id = ?", (user_id,))
        if row is None:
            return UserState(user_id=user_id, chat_id=chat_id, is_new=True)
        stages = await self._db.fetchall(
            "SELECT exercise_id, stage FROM exercise_stages WHERE user_id = ?", (user_id,)
        )
        return UserState(
            user_id=user_id,
            chat_id=chat_id or row["chat_id"],
            goal=row["goal"],
            level=row["level"],
            onboarded=bool(row["onboarded"]),
            timezone=row["timezone"],
            safety_hold=row["safety_hold"],
            last_product_at=_parse_time(row["last_product_at"]),
            pending=row["pending"],
            pending_data=json.loads(row["pending_data"] or "{}"),
            stages={r["exercise_id"]: r["stage"] for r in stages},
        )

    async def save(self, state: UserState, now: datetime) -> None:
        stamp = now.isoformat()
        async with self._db.transaction() as db:
            await db.execute(
                """
                INSERT INTO users (user_id, chat_id, goal, level, onboarded, timezone, safety_hold,
                                   last_product_at, pending, pending_data, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET
                    chat_id = excluded.chat_id, goal = excluded.goal, level = excluded.level,
                    onboarded = excluded.onboarded, timezone = excluded.timezone,
                    safety_hold = excluded.safety_hold, last_product_at = excluded.last_product_at,
                    pending = excluded.pending, pending_data = excluded.pending_data,
                    updated_at = excluded.updated_at
                """,
                (
                    state.user_id,
                    state.chat_id,
                    state.goal,
                    state.level,
                    int(state.onboarded),
                    state.timezone,
                    state.safety_hold,
                    state.last_product_at.isoformat() if state.last_product_at else None,
                    state.pending,
                    json.dumps(state.pending_data),
                    stamp,
                    stamp,
                ),
            )
            await db.execute("DELETE FROM exercise_stages WHERE user_id = ?", (state.user_id,))
            await db.executemany(
                "INSERT INTO exercise_stages (user_id, exercise_id, stage) VALUES (?, ?, ?)",
                [(state.user_id, ex, stage) for ex, stage in state.stages.items() if stage],
            )
        state.is_new = False

    async def delete_everything(self, user_id: int) -> None:
        """Erase every row about this user, in every table that has one."""
        async with self._db.transaction() as db:
            await db.execute(
                "DELETE FROM deliveries WHERE subscription_id IN "
                "(SELECT id FROM subscriptions WHERE user_id = ?)",
                (user_id,),
            )
            for table in _USER_TABLES:
                await db.execute(f"DELETE FROM {table} WHERE user_id = ?", (user_id,))

    async def export(self, user_id: int) -> dict[str, list[dict]]:
        """Every stored row about this user, table by table."""
        data: dict[str, list[dict]] = {}
        for table in reversed(_USER_TABLES):
            rows = await self._db.fetchall(f"SELECT * FROM {table} WHERE user_id = ?", (user_id,))
            data[table] = [dict(row) for row in rows]
        rows = await self._db.fetchall(
            "SELECT d.* FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id "
            "WHERE s.user_id = ?",
            (user_id,),
        )
        data["deliveries"] = [dict(row) for row in rows]
        return data

    async def count(self) -> int:
        row = await self._db.fetchone("SELECT COUNT(*) FROM users")
        return row[0]


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
