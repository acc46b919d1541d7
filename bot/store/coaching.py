"""Level changes and the painless streak the coach derives from them."""

from __future__ import annotations

from datetime import datetime

from bot.model.tiers import STREAK_BREAKING
from bot.store.db import Database

BEGINNING = "0001-01-01T00:00:00+00:00"
"""Earlier than any stored moment, on both engines (text on SQLite, a timestamp on PostgreSQL)."""
PAIN_TIERS = STREAK_BREAKING
"""Escalation tiers that count as a pain report and so break a streak (soreness does not)."""


class CoachingRepository:
    def __init__(self, db: Database):
        self._db = db

    async def record_level_change(
        self, user_id: int, level: str, reason: str, now: datetime
    ) -> None:
        async with self._db.transaction() as db:
            await db.execute(
                "INSERT INTO level_changes (user_id, level, reason, created_at) "
                "VALUES (?, ?, ?, ?)",
                (user_id, level, reason, now.isoformat()),
            )

    async def painless_streak(self, user_id: int) -> int:
        """Completed sessions since the latest level change, painful session or pain report;
        a day with a painful session never counts, even if it was finished afterwards."""
        tiers = ", ".join("?" for _ in PAIN_TIERS)
        row = await self._db.fetchone(
            f"""
            SELECT COUNT(*) FROM sessions_done
            WHERE user_id = ? AND outcome = 'done'
            AND local_date NOT IN (
                SELECT local_date FROM sessions_done WHERE user_id = ? AND outcome = 'hurt'
            )
            AND created_at > COALESCE((
                SELECT MAX(moment) FROM (
                    SELECT MAX(created_at) AS moment FROM level_changes WHERE user_id = ?
                    UNION ALL
                    SELECT MAX(created_at) FROM sessions_done
                        WHERE user_id = ? AND outcome = 'hurt'
                    UNION ALL
                    SELECT MAX(created_at) FROM escalations
                        WHERE user_id = ? AND tier IN ({tiers})
                ) AS moments
            ), ?)
            """,
            (user_id, user_id, user_id, user_id, user_id, *PAIN_TIERS, BEGINNING),
        )
        return row[0]
