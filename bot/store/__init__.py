"""The only package that speaks SQL. The brain uses `Store` and its repositories."""

from __future__ import annotations

from pathlib import Path

from bot.store.coaching import CoachingRepository
from bot.store.db import Database
from bot.store.escalations import EscalationRepository
from bot.store.learning import LearningRepository
from bot.store.progress import ProgressRepository
from bot.store.reminders import ReminderRepository
from bot.store.stats import StatsRepository
from bot.store.users import UserRepository
from bot.store.walks import WalkRepository


class Store:
    """All repositories over one database."""

    def __init__(self, db: Database):
        self.db = db
        self.users = UserRepository(db)
        self.learning = LearningRepository(db)
        self.escalations = EscalationRepository(db)
        self.progress = ProgressRepository(db)
        self.reminders = ReminderRepository(db)
        self.coaching = CoachingRepository(db)
        self.stats = StatsRepository(db)
        self.walks = WalkRepository(db)

    @classmethod
    async def open(cls, path: Path | str) -> Store:
        return cls(await Database.open(path))

    async def ping(self) -> None:
        """A trivial query: raises if the database cannot be reached (health checks)."""
        await self.db.fetchone("SELECT 1")

    async def close(self) -> None:
        await self.db.close()
