"""What the bot could not answer and what users found unhelpful: no user identity is stored.

An unanswered question carries a keyed hash of its author (`authors.author_tag`), only so that
erasing that user also erases what they typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.model.records import Feedback, Miss
from bot.store.authors import author_tag
from bot.store.db import Database, Transaction

_MISS = (
    "INSERT INTO unanswered (created_at, text, outcome, best_id, score, author) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_FEEDBACK = "INSERT INTO feedback (created_at, entry_id, helpful) VALUES (?, ?, ?)"


async def record_misses(db: Transaction, author: str | None, misses: list[Miss]) -> None:
    """A turn's unanswered questions (`author`: the tag of who asked), inside the transaction
    that saves its user (users.py)."""
    await db.executemany(
        _MISS, [(m.at.isoformat(), m.text, m.outcome, m.best_id, m.score, author) for m in misses]
    )


async def record_feedback(db: Transaction, feedback: list[Feedback]) -> None:
    """A turn's feedback on answers, inside the transaction that saves its user."""
    await db.executemany(
        _FEEDBACK, [(f.at.isoformat(), f.entry_id, int(f.helpful)) for f in feedback]
    )


@dataclass(frozen=True)
class MissSummary:
    text: str
    count: int
    best_id: str | None
    best_score: float | None
    last_seen: str


class LearningRepository:
    def __init__(self, db: Database):
        self._db = db

    async def record_miss(
        self,
        text: str,
        outcome: str,
        best_id: str | None,
        score: float | None,
        now: datetime,
        author: int | None = None,
    ) -> None:
        tag = await author_tag(self._db, author) if author is not None else None
        await self._db.write(_MISS, (now.isoformat(), text, outcome, best_id, score, tag))

    async def record_feedback(self, entry_id: str, helpful: bool, now: datetime) -> None:
        await self._db.write(_FEEDBACK, (now.isoformat(), entry_id, int(helpful)))

    async def top_misses(self, limit: int = 20) -> list[MissSummary]:
        rows = await self._db.fetchall(
            """
            SELECT text, COUNT(*) AS n, MAX(created_at) AS last_seen,
                   (SELECT best_id FROM unanswered u2 WHERE u2.text = u.text
                    ORDER BY score DESC NULLS LAST LIMIT 1) AS best_id,
                   MAX(score) AS best_score
            FROM unanswered u GROUP BY text ORDER BY n DESC, last_seen DESC LIMIT ?
            """,
            (limit,),
        )
        return [
            MissSummary(r["text"], r["n"], r["best_id"], r["best_score"], r["last_seen"])
            for r in rows
        ]

    async def unhelpful_counts(self) -> list[tuple[str, int]]:
        rows = await self._db.fetchall(
            "SELECT entry_id, COUNT(*) AS n FROM feedback WHERE helpful = 0 "
            "GROUP BY entry_id ORDER BY n DESC"
        )
        return [(r["entry_id"], r["n"]) for r in rows]
