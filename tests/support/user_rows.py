"""Puts one row about a user into every table that holds user data, whatever the schema is today.

Tests of export and erasure use it, so a table added by a later migration is exercised without
anyone remembering to extend the test.
"""

from __future__ import annotations

from bot.store.db import Database
from bot.store.ownership import read_schema

_PLACEHOLDERS = {"INTEGER": 1, "REAL": 1.0, "NUMERIC": 1}


async def fill_every_user_table(db: Database, user_id: int) -> list[str]:
    """Insert a row per user-data table (parents first); returns the table names."""
    schema = await read_schema(db)
    conditions = {table.name: table.condition for table in schema.owned}
    # The row is only there to be found again: CHECK rules on real values are beside the point.
    await db.connection.execute("PRAGMA ignore_check_constraints = ON")
    try:
        for table in reversed(schema.owned):
            values = await _row_values(db, table.name, user_id, conditions)
            names = ", ".join(f'"{name}"' for name in values)
            marks = ", ".join("?" for _ in values)
            async with db.transaction() as connection:
                await connection.execute(
                    f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', tuple(values.values())
                )
    finally:
        await db.connection.execute("PRAGMA ignore_check_constraints = OFF")
    return [table.name for table in schema.owned]


async def _row_values(
    db: Database, table: str, user_id: int, conditions: dict[str, str]
) -> dict[str, object]:
    columns = await db.fetchall(f'PRAGMA table_info("{table}")')
    links = {
        row["from"]: (row["table"], row["to"])
        for row in await db.fetchall(f'PRAGMA foreign_key_list("{table}")')
    }
    primary_key = [column["name"] for column in columns if column["pk"]]
    values: dict[str, object] = {}
    for column in columns:
        name, declared = column["name"], (column["type"] or "").upper()
        if name == "user_id":
            values[name] = user_id
        elif name in links and links[name][0] in conditions:
            parent, parent_column = links[name]
            row = await db.fetchone(
                f'SELECT "{parent_column or "rowid"}" FROM "{parent}" '
                f"WHERE {conditions[parent]} LIMIT 1",
                (user_id,),
            )
            values[name] = row[0]
        elif primary_key == [name] and declared == "INTEGER":
            continue  # the rowid: SQLite numbers it
        elif column["notnull"] and column["dflt_value"] is None:
            values[name] = _PLACEHOLDERS.get(declared, f"{table}-{name}")
    return values
