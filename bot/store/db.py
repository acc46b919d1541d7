"""The database connection: WAL, foreign keys, migrations at start-up, one transaction helper."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from bot.store.schema import MIGRATIONS


class SchemaTooNew(Exception):
    """The file was migrated by a newer release; running old code on it could corrupt it."""

    def __init__(self, found: int, known: int):
        self.found, self.known = found, known
        super().__init__(f"schema version {found}, newer than this release knows ({known})")


class Database:
    """One aiosqlite connection shared by the repositories; writes are serialised by a lock."""

    def __init__(self, connection: aiosqlite.Connection):
        self.connection = connection
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str) -> Database:
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

    async def migrate(self) -> int:
        """Apply the migrations this file has not seen yet; returns the schema version."""
        async with self.connection.execute("PRAGMA user_version") as cursor:
            (version,) = await cursor.fetchone()
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
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error."""
        async with self._write_lock:
            await self.connection.execute("BEGIN IMMEDIATE")
            try:
                yield self.connection
            except BaseException:
                await self.connection.execute("ROLLBACK")
                raise
            await self.connection.execute("COMMIT")

    async def write(self, sql: str, params: tuple = ()) -> list[aiosqlite.Row]:
        """One statement, atomic on its own (autocommit) and serialised with the transactions;
        returns its RETURNING rows. One hop to the database thread instead of a transaction's
        three, for the writes made once per reminder sent."""
        async with self._write_lock:
            return list(await self.connection.execute_fetchall(sql, params))

    async def fetchall(self, sql: str, params: tuple = ()) -> list[aiosqlite.Row]:
        # One hop to the database thread instead of three (execute, fetch, close).
        return list(await self.connection.execute_fetchall(sql, params))

    async def fetchone(self, sql: str, params: tuple = ()) -> aiosqlite.Row | None:
        rows = await self.connection.execute_fetchall(sql, params)
        return rows[0] if rows else None

    async def close(self) -> None:
        await self.connection.close()
