"""Moving over: every table of a SQLite database copied into PostgreSQL, then counted on both.

Rows are upserted on their primary key, so running it again (after a failed or an early run)
brings the copy up to date rather than failing on duplicates; identity counters are moved past
the copied ids. Run it with the bot stopped: what SQLite gets meanwhile would not be copied.
"""

from __future__ import annotations

from dataclasses import dataclass
from graphlib import TopologicalSorter

from bot.store.db import Database
from bot.store.schema_postgres import ENGINE_TABLES

CHUNK = 2000


@dataclass(frozen=True)
class TableCopy:
    table: str
    source_rows: int
    target_rows: int

    @property
    def matches(self) -> bool:
        return self.source_rows == self.target_rows


async def copy_database(source: Database, target: Database) -> list[TableCopy]:
    """Copy every table of `source` (SQLite) into `target` (PostgreSQL), parents first, in one
    transaction; returns the row counts of both sides, table by table."""
    tables = [name for name in await source.tables() if name not in ENGINE_TABLES]
    order = await _parents_first(source, tables)
    async with target.transaction() as into:
        for table in order:
            columns = [column.name for column in await source.columns(table)]
            keys = await _primary_key(target, table)
            insert = _upsert(table, columns, keys)
            last = 0
            while True:
                rows = await source.fetchall(
                    f'SELECT rowid AS "__rowid", {_names(columns)} FROM "{table}" '
                    "WHERE rowid > ? ORDER BY rowid LIMIT ?",
                    (last, CHUNK),
                )
                if not rows:
                    break
                last = rows[-1]["__rowid"]
                await into.executemany(
                    insert, [tuple(row[name] for name in columns) for row in rows]
                )
            if await _identity(target, table):
                await into.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)'
                )
    return [
        TableCopy(table, await _count(source, table), await _count(target, table))
        for table in order
    ]


async def _parents_first(db: Database, tables: list[str]) -> list[str]:
    graph = {
        table: {key.parent for key in await db.foreign_keys(table) if key.parent != table}
        for table in tables
    }
    return list(TopologicalSorter(graph).static_order())


async def _primary_key(db: Database, table: str) -> list[str]:
    rows = await db.fetchall(
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
        "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = ?::regclass AND i.indisprimary",
        (table,),
    )
    return [row[0] for row in rows]


async def _identity(db: Database, table: str) -> bool:
    row = await db.fetchone(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = ? AND column_name = 'id' AND is_identity = 'YES'",
        (table,),
    )
    return row is not None


def _upsert(table: str, columns: list[str], keys: list[str]) -> str:
    marks = ", ".join("?" for _ in columns)
    others = [name for name in columns if name not in keys]
    on_conflict = (
        f"ON CONFLICT ({_names(keys)}) DO UPDATE SET "
        + ", ".join(f'"{name}" = EXCLUDED."{name}"' for name in others)
        if others
        else f"ON CONFLICT ({_names(keys)}) DO NOTHING"
    )
    return f'INSERT INTO "{table}" ({_names(columns)}) VALUES ({marks}) {on_conflict}'


def _names(columns: list[str]) -> str:
    return ", ".join(f'"{name}"' for name in columns)


async def _count(db: Database, table: str) -> int:
    row = await db.fetchone(f'SELECT COUNT(*) FROM "{table}"')
    return row[0]
