"""Puts one row about a user into every table that holds user data, whatever the schema is today.

Tests of export and erasure use it, so a table added by a later migration is exercised without
anyone remembering to extend the test. It reads the schema through the store's introspection,
so it fills a SQLite file and a PostgreSQL database alike.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from bot.store.db import Column, Database
from bot.store.ownership import read_schema

_PLACEHOLDERS = {
    "INTEGER": 1,
    "BIGINT": 1,
    "SMALLINT": 1,
    "REAL": 1.0,
    "DOUBLE PRECISION": 1.0,
    "NUMERIC": 1,
    "TIMESTAMP WITH TIME ZONE": "2026-01-05T08:00:00+00:00",
    "DATE": "2026-01-05",
    "BYTEA": b"x",
}


async def fill_every_user_table(db: Database, user_id: int) -> list[str]:
    """Insert a row per user-data table (parents first); returns the table names."""
    schema = await read_schema(db)
    conditions = {table.name: table.condition for table in schema.owned}
    async with _checks_off(db):
        for table in reversed(schema.owned):
            values = await _row_values(db, table.name, user_id, conditions)
            names = ", ".join(f'"{name}"' for name in values)
            marks = ", ".join("?" for _ in values)
            async with db.transaction() as connection:
                await connection.execute(
                    f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', tuple(values.values())
                )
    return [table.name for table in schema.owned]


@asynccontextmanager
async def _checks_off(db: Database):
    """The row is only there to be found again: SQLite's CHECK rules on real values are beside
    the point (the PostgreSQL schema has none)."""
    if db.engine != "sqlite":
        yield
        return
    await db.connection.execute("PRAGMA ignore_check_constraints = ON")
    try:
        yield
    finally:
        await db.connection.execute("PRAGMA ignore_check_constraints = OFF")


async def _row_values(
    db: Database, table: str, user_id: int, conditions: dict[str, str]
) -> dict[str, object]:
    links = {key.column: (key.parent, key.parent_column) for key in await db.foreign_keys(table)}
    values: dict[str, object] = {}
    for column in await db.columns(table):
        if column.name == "user_id":
            values[column.name] = user_id
        elif column.name in links and links[column.name][0] in conditions:
            parent, parent_column = links[column.name]
            row = await db.fetchone(
                f'SELECT "{parent_column}" FROM "{parent}" WHERE {conditions[parent]} LIMIT 1',
                (user_id,),
            )
            values[column.name] = row[0]
        elif column.notnull and not column.has_default:
            values[column.name] = _placeholder(table, column)
    return values


def _placeholder(table: str, column: Column) -> object:
    return _PLACEHOLDERS.get(column.type, f"{table}-{column.name}")
