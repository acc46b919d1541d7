"""Counts for the operator's /stats: users, reminder subscriptions, sessions done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.store.db import Database


@dataclass(frozen=True)
class Overview:
    users: int
    active_subscriptions: int
    paused_subscriptions: int
    sessions_done: int
    """Sessions marked done on or after the given local date."""


class StatsRepository:
    def __init__(self, db: Database):
        self._db = db

    async def overview(self, sessions_since: date) -> Overview:
        row = await self._db.fetchone(
            """
            SELECT
                (SELECT COUNT(*) FROM users) AS users,
                (SELECT COUNT(*) FROM subscriptions WHERE active = 1 AND paused = 0) AS active,
                (SELECT COUNT(*) FROM subscriptions WHERE active = 1 AND paused = 1) AS paused,
                (SELECT COUNT(*) FROM sessions_done
                 WHERE outcome = 'done' AND local_date >= ?) AS sessions_done
            """,
            (sessions_since.isoformat(),),
        )
        return Overview(row["users"], row["active"], row["paused"], row["sessions_done"])
