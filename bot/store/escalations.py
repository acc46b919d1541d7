"""Safety escalations, for the operator's report."""

from __future__ import annotations

from datetime import datetime

from bot.model.escalation import Escalation
from bot.store.coaching import BEGINNING
from bot.store.db import Database, Transaction

_INSERT = (
    "INSERT INTO escalations (created_at, user_id, tier, rule_id, source, text) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)


async def record_made(db: Transaction, user_id: int, made: list[Escalation]) -> None:
    """A turn's escalations, inside the transaction that saves its user (users.py)."""
    await db.executemany(
        _INSERT, [(e.at.isoformat(), user_id, e.tier, e.rule_id, e.source, e.text) for e in made]
    )


class EscalationRepository:
    def __init__(self, db: Database):
        self._db = db

    async def record(
        self,
        user_id: int | None,
        tier: str,
        rule_id: str | None,
        source: str,
        text: str | None,
        now: datetime,
    ) -> None:
        await self._db.write(_INSERT, (now.isoformat(), user_id, tier, rule_id, source, text))

    async def by_tier(self, since: datetime | None = None) -> dict[str, int]:
        rows = await self._db.fetchall(
            "SELECT tier, COUNT(*) AS n FROM escalations WHERE created_at >= ? GROUP BY tier",
            ((since.isoformat() if since else BEGINNING),),
        )
        return {r["tier"]: r["n"] for r in rows}

    async def by_rule(self, since: datetime | None = None) -> list[tuple[str, str, int]]:
        rows = await self._db.fetchall(
            "SELECT tier, COALESCE(rule_id, '-') AS rule_id, COUNT(*) AS n FROM escalations "
            "WHERE created_at >= ? GROUP BY tier, rule_id ORDER BY n DESC",
            ((since.isoformat() if since else BEGINNING),),
        )
        return [(r["tier"], r["rule_id"], r["n"]) for r in rows]
