"""An online copy of the SQLite database, safe while the bot is running (SQLite's backup API).

Copying the file with `cp` while the bot writes can catch it half-way through a transaction, and
misses whatever still sits in the -wal file; the backup API copies a consistent snapshot.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


class BackupError(Exception):
    """Why no backup was made, in words an operator can act on."""


def backup_database(source: Path, target: Path) -> int:
    """Copy `source` to the new file `target` and check the copy; returns its size in bytes."""
    if not source.exists():
        raise BackupError(f"there is no database at {source}; check DATABASE_URL")
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"cannot create the folder {target.parent}: {error.strerror}") from error
    try:
        verdict = _copy(source, target)
    except BaseException as error:
        _remove(target)  # a partial copy would block the retry ("already exists")
        if isinstance(error, sqlite3.DatabaseError):
            raise BackupError(
                f"{source} could not be read as a database ({error}); nothing was kept"
            ) from error
        if isinstance(error, (OSError, sqlite3.Error)):
            raise BackupError(f"the copy to {target} failed ({error}); nothing was kept") from error
        raise
    if verdict != "ok":
        _remove(target)
        raise BackupError(f"the copy failed its integrity check ({verdict}); nothing was kept")
    return target.stat().st_size


def _copy(source: Path, target: Path) -> str:
    with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(target)) as copy:
        live.execute("PRAGMA busy_timeout = 5000")
        live.execute("SELECT count(*) FROM sqlite_master").fetchone()  # not a database: fails here
        live.backup(copy)
        (verdict,) = copy.execute("PRAGMA integrity_check").fetchone()
    return verdict


def _remove(target: Path) -> None:
    for leftover in (target, Path(f"{target}-journal"), Path(f"{target}-wal")):
        leftover.unlink(missing_ok=True)
