"""The SQLite engine: one file, WAL, foreign keys, migrations numbered in `PRAGMA user_version`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from bot.store.db import Column, ForeignKey, SchemaTooNew
from bot.store.schema import MIGRATIONS


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

    def __init__(self, connection: aiosqlite.Connection):
        self.connection = connection
        self._write_lock = asyncio.Lock()

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
            database = cls(connection)
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

    async def write(self, sql: str, params: Sequence = ()) -> list[aiosqlite.Row]:
        """One statement, atomic on its own (autocommit) and serialised with the transactions;
        returns its RETURNING rows. One hop to the database thread instead of a transaction's
        three, for the writes made once per reminder sent."""
        async with self._write_lock:
            return list(await self.connection.execute_fetchall(sql, tuple(params)))

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
        await self.connection.close()


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
