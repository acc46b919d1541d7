"""The store suite runs on both engines: every test taking `db_target` or `engine_store` runs
once on a SQLite file and once on a fresh database of the throwaway PostgreSQL server."""

from __future__ import annotations

import itertools

import pytest

from bot.store import Store

_numbers = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "bot.sqlite3")
    return request.getfixturevalue("postgres").create_database(f"store_{next(_numbers)}")


@pytest.fixture
async def engine_store(db_target):
    store = await Store.open(db_target)
    yield store
    await store.close()


@pytest.fixture
async def second_store(db_target, engine_store):
    """Another instance's view of the same database (its own connection or pool)."""
    store = await Store.open(db_target)
    yield store
    await store.close()
