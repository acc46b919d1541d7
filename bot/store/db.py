"""What every store engine offers the repositories: queries, one transaction helper, the schema.

Repositories write SQL once, with `?` placeholders and the SQL both engines speak; the few places
where SQLite and PostgreSQL differ are the `Database` attributes below (`skip_locked`,
`json_object`) and the schema introspection `ownership.py` reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any, Protocol

Row = Any
"""A result row: read by column name (`row["id"]`) or position (`row[0]`); `dict(row)` works."""


class SchemaTooNew(Exception):
    """The database was migrated by a newer release; running old code on it could corrupt it."""

    def __init__(self, found: int, known: int):
        self.found, self.known = found, known
        super().__init__(f"schema version {found}, newer than this release knows ({known})")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    """Upper case, as the engine names it (INTEGER, TEXT, BIGINT, TIMESTAMP WITH TIME ZONE …)."""
    notnull: bool
    has_default: bool
    """A default or an identity: an INSERT may leave it out."""


@dataclass(frozen=True)
class ForeignKey:
    parent: str
    column: str
    parent_column: str


class Transaction(Protocol):
    async def execute(self, sql: str, params: Sequence = ()) -> int:
        """Runs one statement; returns how many rows it changed."""

    async def executemany(self, sql: str, params: Iterable[Sequence]) -> None: ...

    async def fetchall(self, sql: str, params: Sequence = ()) -> list[Row]: ...


class Database(Protocol):
    engine: str
    """"sqlite" or "postgresql"."""
    shared: bool
    """Several bot processes may use this database at once (PostgreSQL): the send rate and the
    claims on reminders are then coordinated through it."""
    skip_locked: str
    """Appended to a SELECT of rows a transaction is about to change: other instances skip them
    instead of waiting (PostgreSQL); empty where writers are serialised anyway (SQLite)."""

    def json_object(self, key: str, value: str) -> str:
        """An aggregate building a JSON object text from two columns."""

    async def fetchall(self, sql: str, params: Sequence = ()) -> list[Row]: ...

    async def fetchone(self, sql: str, params: Sequence = ()) -> Row | None: ...

    async def write(self, sql: str, params: Sequence = ()) -> list[Row]:
        """One statement, atomic on its own; returns its RETURNING rows."""

    def transaction(self) -> AbstractAsyncContextManager[Transaction]: ...

    async def schema_version(self) -> int: ...

    async def scrub(self) -> None:
        """After an erasure: overwrite the copies of deleted rows the engine still keeps on
        disk, where the engine lets a client do that."""

    async def tables(self) -> list[str]: ...

    async def columns(self, table: str) -> list[Column]: ...

    async def foreign_keys(self, table: str) -> list[ForeignKey]: ...

    async def close(self) -> None: ...


def is_postgres(target: object) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


async def open_database(target: object) -> Database:
    """`postgresql://…` opens PostgreSQL; anything else is a SQLite file (or ":memory:")."""
    if is_postgres(target):
        from bot.store.postgres import PostgresDatabase

        return await PostgresDatabase.open(str(target))
    from bot.store.sqlite import SqliteDatabase

    return await SqliteDatabase.open(target)
