"""SQLite's WAL is checkpointed beside the bot's connection, not inside its commits."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.model.user import UserState
from bot.store import Store
from bot.store import sqlite as engine

NOW = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
MARK = "checkpointed-pending-step"


async def save_marked_user(store: Store, user_id: int) -> None:
    await store.users.save(UserState(user_id, chat_id=user_id, pending=MARK), NOW)


async def test_writes_reach_the_database_file_while_the_store_stays_open(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "CHECKPOINT_EVERY", 0.0)
    path = tmp_path / "bot.sqlite3"
    store = await Store.open(path)
    try:
        assert (await store.db.fetchone("PRAGMA wal_autocheckpoint"))[0] == 0  # never in a commit
        await save_marked_user(store, 1)
        await store.db._checkpoint  # the one this write started, in its own thread
        assert MARK.encode() in path.read_bytes()  # copied out of the -wal file
        assert (await store.users.load(1)).pending == MARK
    finally:
        await store.close()


async def test_without_the_checkpoint_a_write_stays_in_the_wal_only(tmp_path, monkeypatch):
    """The check above can fail: with no checkpoint yet, the row is in the -wal file alone."""
    monkeypatch.setattr(engine, "CHECKPOINT_EVERY", 3600.0)
    path = tmp_path / "bot.sqlite3"
    store = await Store.open(path)
    try:
        await save_marked_user(store, 1)
        assert store.db._checkpoint is None
        assert MARK.encode() not in path.read_bytes()
        assert MARK.encode() in path.with_name("bot.sqlite3-wal").read_bytes()
    finally:
        await store.close()
    assert MARK.encode() in path.read_bytes()  # closing the last connection checkpoints
