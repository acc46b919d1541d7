"""The only package that speaks SQL. The brain uses `Store` and its repositories."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

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

__all__ = ["DATABASE_ERRORS", "SchemaTooNew", "StaleState", "Store", "database_errors"]


def database_errors() -> tuple[type[Exception], ...]:
    """What opening a database can fail with when the set-up is wrong (not a bug of the bot).

    asyncpg's errors only once asyncpg is loaded (by a postgresql:// URL): until then none of
    them can have been raised, and a SQLite bot need not load it (~70 ms, ~5 MB)."""
    found: tuple[type[Exception], ...] = (SchemaTooNew, OSError, sqlite3.Error)
    asyncpg = sys.modules.get("asyncpg")
    if asyncpg is not None:
        found += (asyncpg.PostgresError, asyncpg.InterfaceError)
    return found


def __getattr__(name: str):
    if name == "DATABASE_ERRORS":  # the whole tuple, for callers that name it before use
        import asyncpg  # noqa: F401 - loaded so that database_errors() includes its errors

        return database_errors()
    raise AttributeError(name)


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
