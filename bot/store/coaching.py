"""Level changes and the painless streak the coach derives from them."""

from __future__ import annotations

from bot.model.records import LevelChange
from bot.model.tiers import STREAK_BREAKING
from bot.store.db import Database, Transaction

BEGINNING = "0001-01-01T00:00:00+00:00"
"""Earlier than any stored moment, on both engines (text on SQLite, a timestamp on PostgreSQL)."""
PAIN_TIERS = STREAK_BREAKING
"""Escalation tiers that count as a pain report and so break a streak (soreness does not)."""
_LEVEL_CHANGE = "INSERT INTO level_changes (user_id, level, reason, created_at) VALUES (?, ?, ?, ?)"


async def record_level_changes(db: Transaction, user_id: int, changes: list[LevelChange]) -> None:
    """A turn's level changes, inside the transaction that saves its user (users.py)."""
    await db.executemany(
        _LEVEL_CHANGE, [(user_id, c.level, c.reason, c.at.isoformat()) for c in changes]
    )


class CoachingRepository:
    def __init__(self, db: Database):
        self._db = db

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
