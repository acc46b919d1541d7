"""What `run` checks before it talks to Telegram, so a bad set-up fails at once with what to fix."""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path

from bot.content.loader import Content, load_content
from bot.settings import Settings
from bot.store import Store
from bot.store.schema import MIGRATIONS


class StartupError(Exception):
    """A problem the operator must fix before the bot can run; the message says how."""


def prepare(settings: Settings) -> Content:
    """Load the content (ContentError on problems) and open, migrate and close the database."""
    content = load_content(settings.knowledge_dir)
    check_database(settings.database_path)
    return content


def check_database(path: Path | str) -> None:
    if path == ":memory:":
        return
    version = _schema_version(Path(path))
    if version > len(MIGRATIONS):
        raise StartupError(
            f"The database {path} has schema version {version}, newer than this bot knows "
            f"({len(MIGRATIONS)}): it was written by a newer release. Run that release, or "
            "restore a backup made with this one."
        )
    try:
        asyncio.run(_open_and_close(path))
    except (OSError, sqlite3.Error) as error:
        raise StartupError(
            f"Cannot open the database {path}: {error}. Check DATABASE_URL, that the folder "
            "exists or can be created, and that this user may write to it."
        ) from error


def _schema_version(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            return connection.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as error:
        raise StartupError(
            f"{path} is not a readable SQLite database ({error}). Check DATABASE_URL."
        ) from error


async def _open_and_close(path: Path | str) -> None:
    store = await Store.open(path)
    await store.close()
