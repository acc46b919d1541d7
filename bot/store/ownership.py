"""Which rows belong to a user, read from the schema itself, so a new table is covered at once.

A table is about a user when it has a `user_id` column, or when a foreign key leads (through any
number of tables) to a row that is. The tables in ANONYMOUS_TABLES hold no identity by design.
Export and erasure (`UserRepository.export` and `delete_everything`) both use this map.
"""

from __future__ import annotations

from dataclasses import dataclass
from graphlib import TopologicalSorter

from bot.store.db import Database
from bot.store.schema_postgres import ENGINE_TABLES

ANONYMOUS_TABLES = frozenset({"unanswered", "feedback", "senders", "store_keys", "groups_told"})
"""Questions without an answer (normalised text, author only as a keyed hash: erasure removes
them through `bot/store/authors.py`), "not helpful" votes, the processes sending reminders and
the store's own keys, and the group chats told to write privately (a group's id, nobody's): no
user id by design. (PostgreSQL's own bookkeeping, ENGINE_TABLES, is
left out of the map altogether.)"""


@dataclass(frozen=True)
class OwnedTable:
    name: str
    condition: str
    """A WHERE clause with one `?` placeholder for the user id."""


@dataclass(frozen=True)
class SchemaMap:
    owned: tuple[OwnedTable, ...]
    """Every table with rows about a user, children before their parents (a safe delete order)."""
    unclassified: tuple[str, ...]
    """Tables neither about a user nor declared anonymous: a schema change to review."""


async def read_schema(db: Database) -> SchemaMap:
    names = [name for name in await db.tables() if name not in ENGINE_TABLES]
    columns = {name: {column.name for column in await db.columns(name)} for name in names}
    # (parent table, our column, parent column) per foreign key.
    links = {
        name: [(key.parent, key.column, key.parent_column) for key in await db.foreign_keys(name)]
        for name in names
    }
    conditions = {name: "user_id = ?" for name in names if "user_id" in columns[name]}
    grew = True
    while grew:
        grew = False
        for name in names:
            if name in conditions:
                continue
            for parent, column, parent_column in links[name]:
                if parent in conditions:
                    conditions[name] = (
                        f"{_quote(column)} IN (SELECT {_quote(parent_column)} "
                        f"FROM {_quote(parent)} WHERE {conditions[parent]})"
                    )
                    grew = True
                    break
    children_first = TopologicalSorter(
        {
            parent: {name for name in conditions if parent in _parents(links[name], name)}
            for parent in conditions
        }
    ).static_order()
    owned = tuple(OwnedTable(name, conditions[name]) for name in children_first)
    unclassified = tuple(
        name for name in names if name not in conditions and name not in ANONYMOUS_TABLES
    )
    return SchemaMap(owned, unclassified)


def _parents(links: list[tuple[str, str, str]], name: str) -> set[str]:
    return {parent for parent, _, _ in links if parent != name}


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
