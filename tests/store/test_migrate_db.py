"""`run_bot.py migrate-db SQLITE_URL POSTGRES_URL`: everything arrives, a re-run is harmless,
and the counts are compared."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time

from bot.cli import main
from bot.model.schedule import Schedule
from bot.model.user import UserState
from bot.store import Store

NOW = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
USER = 8_100_000_001


async def _fill(path: str) -> None:
    store = await Store.open(path)
    try:
        await store.users.save(UserState(USER, chat_id=USER, goal="core", stages={"plank": 1}), NOW)
        schedule = Schedule(frozenset({0, 3}), time(7, 15), "Europe/Oslo")
        await store.reminders.subscribe(USER, USER, schedule, NOW)
        await store.learning.record_miss("is yoga ok?", "fallback", None, None, NOW, author=USER)
        await store.learning.record_feedback("how_often", False, NOW)
        await store.progress.record(USER, NOW.date(), "done", NOW)
        await store.escalations.record(USER, "stop", "sharp", "text", None, NOW)
    finally:
        await store.close()


def test_migrate_db_copies_everything_and_can_run_again(tmp_path, postgres, capsys):
    sqlite_file = tmp_path / "bot.sqlite3"
    asyncio.run(_fill(str(sqlite_file)))
    url = postgres.create_database("moved")
    assert main(["migrate-db", f"sqlite:///{sqlite_file}", url]) == 0
    assert main(["migrate-db", f"sqlite:///{sqlite_file}", url]) == 0
    out = capsys.readouterr().out
    assert "every count matches" in out
    assert "subscriptions" in out and "differs" not in out

    async def check() -> None:
        store = await Store.open(url)
        try:
            user = await store.users.load(USER)
            assert (user.goal, user.stages) == ("core", {"plank": 1})
            subscription = await store.reminders.get(USER)
            assert subscription.schedule.time_text == "07:15"
            # The erasure key came along: the copied question is still found and erased.
            await store.users.delete_everything(USER)
            assert await store.learning.top_misses() == []
            # New rows get ids after the copied ones.
            await store.learning.record_feedback("how_often", True, NOW)
            assert len(await store.learning.unhelpful_counts()) == 1
        finally:
            await store.close()

    asyncio.run(check())


def test_migrate_db_refuses_two_sqlite_files(tmp_path, capsys):
    code = main(["migrate-db", f"sqlite:///{tmp_path}/a.sqlite3", f"sqlite:///{tmp_path}/b"])
    assert code == 2
    assert "postgresql://" in capsys.readouterr().err
