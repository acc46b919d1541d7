"""The PostgreSQL engine (asyncpg): a connection pool, migrations recorded in `schema_migrations`.

asyncpg rather than psycopg 3: it speaks PostgreSQL's binary protocol and prepares and caches
every statement, which is what a hot path of one load and one save per turn wants, and its pool
is built in. The repositories' SQL is written once for both engines with `?` placeholders; they
are numbered here (`$1`, `$2` …). Moments are TIMESTAMPTZ in the database and ISO text in
Python, as on SQLite, so the repositories read both engines the same way.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import date, datetime
from functools import lru_cache

import asyncpg

from bot.store.db import Column, ForeignKey, SchemaTooNew
from bot.store.schema_postgres import MIGRATIONS

POOL_SIZE = 10
CONNECT_TIMEOUT = 10.0
MIGRATION_LOCK = 0x6261636B
"""Advisory lock key held while migrating: instances starting together migrate one at a time."""
_LITERAL_OR_MARK = re.compile(r"'(?:[^']|'')*'|\?")


@lru_cache(maxsize=512)
def numbered(sql: str) -> str:
    """`?` placeholders as `$1`, `$2` … (never inside a quoted literal)."""
    count = 0

    def number(match: re.Match) -> str:
        nonlocal count
        if match.group() != "?":
            return match.group()
        count += 1
        return f"${count}"

    return _LITERAL_OR_MARK.sub(number, sql)


def _changed(status: str) -> int:
    """Rows changed, from a command tag such as "UPDATE 3" or "INSERT 0 1"."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


def _moment_in(value: str | datetime) -> str:
    return value.isoformat() if isinstance(value, datetime) else value


def _moment_out(text: str) -> str:
    return datetime.fromisoformat(text).isoformat()


def _date_in(value: str | date) -> str:
    return value.isoformat() if isinstance(value, date) else value


async def _prepare(connection: asyncpg.Connection) -> None:
    for name, encode, decode in (
        ("timestamptz", _moment_in, _moment_out),
        ("date", _date_in, str),
    ):
        await connection.set_type_codec(
            name, schema="pg_catalog", encoder=encode, decoder=decode, format="text"
        )


class PostgresTransaction:
    def __init__(self, connection: asyncpg.Connection):
        self._connection = connection

    async def execute(self, sql: str, params: Sequence = ()) -> int:
        return _changed(await self._connection.execute(numbered(sql), *params))

    async def executemany(self, sql: str, params: Iterable[Sequence]) -> None:
        rows = list(params)
        if rows:
            await self._connection.executemany(numbered(sql), rows)

    async def fetchall(self, sql: str, params: Sequence = ()) -> list[asyncpg.Record]:
        return await self._connection.fetch(numbered(sql), *params)


class PostgresDatabase:
    engine = "postgresql"
    shared = True
    skip_locked = " FOR UPDATE SKIP LOCKED"

    def __init__(self, pool: asyncpg.Pool):
        self.pool = pool

    @classmethod
    async def open(cls, url: str, pool_size: int = POOL_SIZE) -> PostgresDatabase:
        pool = await asyncpg.create_pool(
            url,
            min_size=1,
            max_size=pool_size,
            init=_prepare,
            timeout=CONNECT_TIMEOUT,
            server_settings={"timezone": "UTC", "application_name": "backcare-bot"},
        )
        database = cls(pool)
        try:
            await database.migrate()
        except BaseException:
            await pool.close()
            raise
        return database

    def json_object(self, key: str, value: str) -> str:
        return f"json_object_agg({key}, {value})::text"

    async def schema_version(self) -> int:
        row = await self.fetchone("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
        return row[0]

    async def scrub(self) -> None:
        # Deleted rows stay as dead tuples until (auto)vacuum reclaims them, and in the server's
        # WAL and archives as the operator keeps them: that is the server's to manage
        # (docs/deploy.md, backups), not a client's. VACUUM cannot run inside the bot's pool
        # transactions without blocking other instances.
        return None

    async def migrate(self) -> int:
        """Apply the migrations this database has not seen yet, each recorded in its own
        transaction; instances starting at once take turns (an advisory lock)."""
        async with self.pool.acquire() as connection, connection.transaction():
            await connection.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
            await connection.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
            version = await connection.fetchval(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"
            )
            if version > len(MIGRATIONS):
                raise SchemaTooNew(version, len(MIGRATIONS))
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                async with connection.transaction():  # a savepoint: one migration, or none
                    await connection.execute(script)
                    await connection.execute(
                        "INSERT INTO schema_migrations (version) VALUES ($1)", number
                    )
        return len(MIGRATIONS)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[PostgresTransaction]:
        async with self.pool.acquire() as connection, connection.transaction():
            yield PostgresTransaction(connection)

    async def write(self, sql: str, params: Sequence = ()) -> list[asyncpg.Record]:
        return await self.pool.fetch(numbered(sql), *params)

    async def fetchall(self, sql: str, params: Sequence = ()) -> list[asyncpg.Record]:
        return await self.pool.fetch(numbered(sql), *params)

    async def fetchone(self, sql: str, params: Sequence = ()) -> asyncpg.Record | None:
        return await self.pool.fetchrow(numbered(sql), *params)

    async def tables(self) -> list[str]:
        rows = await self.fetchall(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
        return [row[0] for row in rows]

    async def columns(self, table: str) -> list[Column]:
        rows = await self.fetchall(
            "SELECT column_name, upper(data_type) AS type, is_nullable = 'NO' AS notnull, "
            "(column_default IS NOT NULL OR is_identity = 'YES') AS has_default "
            "FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
            (table,),
        )
        return [Column(r["column_name"], r["type"], r["notnull"], r["has_default"]) for r in rows]

    async def foreign_keys(self, table: str) -> list[ForeignKey]:
        rows = await self.fetchall(
            "SELECT parent.relname AS parent, mine.attname AS column, theirs.attname AS target "
            "FROM pg_constraint c "
            "JOIN pg_class child ON child.oid = c.conrelid "
            "JOIN pg_class parent ON parent.oid = c.confrelid "
            "JOIN pg_attribute mine ON mine.attrelid = c.conrelid AND mine.attnum = c.conkey[1] "
            "JOIN pg_attribute theirs ON theirs.attrelid = c.confrelid "
            "AND theirs.attnum = c.confkey[1] "
            "WHERE c.contype = 'f' AND child.relname = ? "
            "AND child.relnamespace = current_schema()::regnamespace",
            (table,),
        )
        return [ForeignKey(r["parent"], r["column"], r["target"]) for r in rows]

    async def close(self) -> None:
        await self.pool.close()
