"""`run_bot.py backup`: a consistent copy of the database while the bot has it open."""

from __future__ import annotations

import sqlite3

from bot.store import Store
from harness.bot_process import bot_environment, run_bot


async def test_backup_copies_everything_while_the_database_is_in_use(tmp_path, clock):
    database, target = tmp_path / "bot.sqlite3", tmp_path / "backups" / "copy.sqlite3"
    store = await Store.open(database)  # stays open, as in the running bot (WAL, unflushed)
    try:
        for day in range(30):
            await store.learning.record_miss(f"question {day}", "fallback", None, None, clock.now())
        result = run_bot(bot_environment(None, database), tmp_path, "backup", str(target))
        await store.learning.record_miss("after the backup", "fallback", None, None, clock.now())
    finally:
        await store.close()
    assert result.returncode == 0, result.stderr
    assert "checked" in result.stdout
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT COUNT(*) FROM unanswered").fetchone()[0] == 30


def test_backup_never_overwrites_and_needs_a_database(tmp_path):
    (tmp_path / "taken.sqlite3").write_text("keep me")
    missing = run_bot(bot_environment(None, tmp_path / "none.sqlite3"), tmp_path, "backup", "x")
    assert missing.returncode == 2 and "no database" in missing.stderr
    database = tmp_path / "bot.sqlite3"
    sqlite3.connect(database).close()
    taken = run_bot(bot_environment(None, database), tmp_path, "backup", "taken.sqlite3")
    assert taken.returncode == 2 and "already exists" in taken.stderr
    assert (tmp_path / "taken.sqlite3").read_text() == "keep me"
