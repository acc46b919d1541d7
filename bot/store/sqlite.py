"""The SQLite engine: one file, WAL, foreign keys, migrations numbered in `PRAGMA user_version`.

WAL checkpoints (copying committed pages from the -wal file into the database, with an fsync)
are not left to SQLite's automatic one, which runs inside whichever commit crosses 1,000 pages:
a busy reminder tick writes about that many, so nearly every one paid for a checkpoint, and the
connection's one thread (every query of every user waits behind it) with it. Instead, at most
once every CHECKPOINT_EVERY after a write, a PASSIVE checkpoint runs on a connection of its own
in a worker thread, beside the bot's connection (SQLite lets writers go on meanwhile).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from bot.store.db import Column, ForeignKey, SchemaTooNew
from bot.store.schema import MIGRATIONS

log = logging.getLogger(__name__)

CHECKPOINT_EVERY = 1.0
"""Seconds between checkpoints at most; the -wal file holds about this long's writes."""


class SqliteTransaction:
    def __init__(self, connection: aiosqlite.Connection):
        self._connection = connection

    async def execute(self, sql: str, params: Sequence = ()) -> int:
        cursor = await self._connection.execute(sql, tuple(params))
        return cursor.rowcount

    async def executemany(self, sql: str, params: Iterable[Sequence]) -> None:
        rows = list(params)
        if rows:  # most turns record no escalation, miss or feedback: no hop to the thread
            await self._connection.executemany(sql, rows)

    async def fetchall(self, sql: str, params: Sequence = ()) -> list[aiosqlite.Row]:
        return list(await self._connection.execute_fetchall(sql, tuple(params)))


class SqliteDatabase:
    """One aiosqlite connection shared by the repositories; writes are serialised by a lock."""

    engine = "sqlite"
    shared = False
    skip_locked = ""

    def __init__(self, connection: aiosqlite.Connection, path: str | None = None):
        self.connection = connection
        self._write_lock = asyncio.Lock()
        self._path = path
        """The file, for the checkpoint connection (None in memory: no WAL)."""
        self._checkpoint: asyncio.Task | None = None
        self._checkpointed_at = time.monotonic()

    @classmethod
    async def open(cls, path: Path | str) -> SqliteDatabase:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # aiosqlite runs the connection in a non-daemon thread: whatever fails from here on
        # (a file that is not a database, a read-only folder) must close it, or the process
        # prints its error and then never exits.
        connection = aiosqlite.connect(str(path), isolation_level=None)
        try:
            await connection
        except BaseException:
            connection.stop()
            raise
        try:
            connection.row_factory = aiosqlite.Row
            await connection.execute("PRAGMA journal_mode=WAL")
            await connection.execute("PRAGMA synchronous=NORMAL")
            await connection.execute("PRAGMA foreign_keys=ON")
            await connection.execute("PRAGMA busy_timeout=5000")
            # Erased rows are overwritten with zeros, not left readable in free pages or the WAL.
            await connection.execute("PRAGMA secure_delete=ON")
            on_disk = path != ":memory:"
            if on_disk:
                await connection.execute("PRAGMA wal_autocheckpoint=0")  # see the docstring
            database = cls(connection, str(path) if on_disk else None)
            await database.migrate()
        except BaseException:
            await connection.close()
            raise
        return database

    def json_object(self, key: str, value: str) -> str:
        return f"json_group_object({key}, {value})"

    async def schema_version(self) -> int:
        (version,) = await self.fetchone("PRAGMA user_version")
        return version

    async def scrub(self) -> None:
        # secure_delete zeroes the rows in their pages, but the WAL still holds the frames
        # written before: checkpoint them into the file and truncate the WAL to nothing.
        async with self._write_lock:
            await self.fetchone("PRAGMA wal_checkpoint(TRUNCATE)")

    async def migrate(self) -> int:
        """Apply the migrations this file has not seen yet; returns the schema version."""
        version = await self.schema_version()
        if version > len(MIGRATIONS):
            raise SchemaTooNew(version, len(MIGRATIONS))
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            statements = [part.strip() for part in script.split(";") if part.strip()]
            async with self.transaction() as db:
                for statement in statements:
                    await db.execute(statement)
                await db.execute(f"PRAGMA user_version = {number}")
        return len(MIGRATIONS)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[SqliteTransaction]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error."""
        async with self._write_lock:
            await self.connection.execute("BEGIN IMMEDIATE")
            try:
                yield SqliteTransaction(self.connection)
            except BaseException:
                await self.connection.execute("ROLLBACK")
                raise
            await self.connection.execute("COMMIT")
        self._written()

    async def write(self, sql: str, params: Sequence = ()) -> list[aiosqlite.Row]:
        """One statement, atomic on its own (autocommit) and serialised with the transactions;
        returns its RETURNING rows. One hop to the database thread instead of a transaction's
        three, for the writes made once per reminder sent."""
        async with self._write_lock:
            rows = list(await self.connection.execute_fetchall(sql, tuple(params)))
        self._written()
        return rows

    def _written(self) -> None:
        """After a write: start a checkpoint beside this connection, unless one runs or ran
        less than CHECKPOINT_EVERY ago."""
        if self._path is None or (self._checkpoint is not None and not self._checkpoint.done()):
            return
        now = time.monotonic()
        if now - self._checkpointed_at < CHECKPOINT_EVERY:
            return
        self._checkpointed_at = now
        self._checkpoint = asyncio.get_running_loop().create_task(self._run_checkpoint())

    async def _run_checkpoint(self) -> None:
        try:
            await asyncio.to_thread(_passive_checkpoint, self._path)
        except Exception:  # noqa: BLE001 - the next write starts another; the WAL only grows
            log.warning("WAL checkpoint failed", exc_info=True)

    async def fetchall(self, sql: str, params: Sequence = ()) -> list[aiosqlite.Row]:
        # One hop to the database thread instead of three (execute, fetch, close).
        return list(await self.connection.execute_fetchall(sql, tuple(params)))

    async def fetchone(self, sql: str, params: Sequence = ()) -> aiosqlite.Row | None:
        rows = await self.connection.execute_fetchall(sql, tuple(params))
        return rows[0] if rows else None

    async def tables(self) -> list[str]:
        rows = await self.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        return [row["name"] for row in rows]

    async def columns(self, table: str) -> list[Column]:
        rows = await self.fetchall(f"PRAGMA table_info({_quote(table)})")
        single_key = [row["name"] for row in rows if row["pk"]]
        return [
            Column(
                name=row["name"],
                type=(row["type"] or "").upper(),
                notnull=bool(row["notnull"]),
                # An INTEGER PRIMARY KEY is the rowid: SQLite numbers it.
                has_default=row["dflt_value"] is not None
                or (single_key == [row["name"]] and (row["type"] or "").upper() == "INTEGER"),
            )
            for row in rows
        ]

    async def foreign_keys(self, table: str) -> list[ForeignKey]:
        rows = await self.fetchall(f"PRAGMA foreign_key_list({_quote(table)})")
        return [ForeignKey(row["table"], row["from"], row["to"] or "rowid") for row in rows]

    async def close(self) -> None:
        if self._checkpoint is not None:
            await self._checkpoint  # a thread of its own: never left running past the store
        await self.connection.close()


def _passive_checkpoint(path: str) -> None:
    """Copy what the WAL holds into the database as far as no reader still needs it, without
    waiting for or blocking anyone (a connection opened for this alone, in a worker thread)."""
    connection = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
    finally:
        connection.close()


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
