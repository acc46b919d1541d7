"""What `run` checks before it talks to Telegram, so a bad set-up fails at once with what to fix."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.brain.build_cache import cache_folder, load_built_library
from bot.content.loader import Content
from bot.settings import Settings, redacted
from bot.store import SchemaTooNew, Store, database_errors


class StartupError(Exception):
    """A problem the operator must fix before the bot can run; the message says how."""


def prepare(settings: Settings) -> dict[str, Content]:
    """Load and build every language's content (ContentError on problems; from the build cache
    when it is fresh) and open, migrate and close the database."""
    content = load_built_library(settings.knowledge_dir, cache_folder(settings.database_path))
    check_database(settings.database_path)
    return content


def check_database(path: Path | str) -> None:
    try:
        asyncio.run(_open_and_close(path))
    except database_errors() as error:
        raise unusable_database(path, error) from error


async def open_store(path: Path | str) -> Store:
    """The store for a one-off command (`unanswered`, `safety-report`): StartupError if unusable."""
    try:
        return await Store.open(path)
    except database_errors() as error:
        raise unusable_database(path, error) from error


def unusable_database(path: Path | str, error: Exception) -> StartupError:
    """What the operator reads when the database cannot be opened, and what to do about it."""
    path = redacted(str(path))
    if isinstance(error, SchemaTooNew):
        return StartupError(
            f"The database {path} has schema version {error.found}, newer than this bot knows "
            f"({error.known}): it was written by a newer release. Run that release, or "
            "restore a backup made with this one."
        )
    if path.startswith(("postgresql://", "postgres://")):
        return StartupError(
            f"Cannot open the database {path}: {error}. Check DATABASE_URL (host, port, user, "
            "password, database name) and that the PostgreSQL server is running and reachable."
        )
    return StartupError(
        f"Cannot open the database {path}: {error}. Check DATABASE_URL, that the folder "
        "exists or can be created, and that this user may write to it."
    )


async def _open_and_close(path: Path | str) -> None:
    store = await Store.open(path)
    await store.close()
