"""The only package that speaks SQL. The brain uses `Store` and its repositories."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import asyncpg

from bot.store.coaching import CoachingRepository
from bot.store.db import Database, SchemaTooNew, open_database
from bot.store.escalations import EscalationRepository
from bot.store.groups import GroupRepository
from bot.store.learning import LearningRepository
from bot.store.pace import SendPace
from bot.store.progress import ProgressRepository
from bot.store.reminders import ReminderRepository
from bot.store.stats import StatsRepository
from bot.store.summaries import SummaryRepository
from bot.store.users import StaleState, UserRepository
from bot.store.walks import WalkRepository

__all__ = ["DATABASE_ERRORS", "SchemaTooNew", "StaleState", "Store"]

DATABASE_ERRORS = (
    SchemaTooNew,
    OSError,
    sqlite3.Error,
    asyncpg.PostgresError,
    asyncpg.InterfaceError,
)
"""What opening a database can fail with when the set-up is wrong (not a bug of the bot)."""


class Store:
    """All repositories over one database."""

    def __init__(self, db: Database):
        self.db = db
        self.users = UserRepository(db)
        self.learning = LearningRepository(db)
        self.escalations = EscalationRepository(db)
        self.progress = ProgressRepository(db)
        self.reminders = ReminderRepository(db)
        self.summaries = SummaryRepository(db, self.reminders)
        self.coaching = CoachingRepository(db)
        self.stats = StatsRepository(db)
        self.walks = WalkRepository(db)
        self.groups = GroupRepository(db)
        self.pace = SendPace(db) if db.shared else None
        """The send clock shared by instances; None where one process owns the database."""

    @classmethod
    async def open(cls, target: Path | str) -> Store:
        """A SQLite path (or ":memory:"), or a postgresql:// URL."""
        return cls(await open_database(target))

    async def ping(self) -> None:
        """A trivial query: raises if the database cannot be reached (health checks)."""
        await self.db.fetchone("SELECT 1")

    async def close(self) -> None:
        await self.db.close()
