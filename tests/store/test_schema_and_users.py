"""The store on both engines: schema, migrations, users and their optimistic saves, export and
erasure derived from the schema."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.model.user import UserState
from bot.store import SchemaTooNew, StaleState, Store
from bot.store.ownership import read_schema
from bot.store.postgres import PostgresDatabase
from bot.store.schema import MIGRATIONS as SQLITE_MIGRATIONS
from bot.store.schema_postgres import ENGINE_TABLES
from bot.store.schema_postgres import MIGRATIONS as POSTGRES_MIGRATIONS
from tests.support.user_rows import fill_every_user_table

NOW = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
BIG_ID = 7_000_000_123  # Telegram ids pass 2^31


async def test_both_engines_have_the_same_tables_and_columns(tmp_path, postgres):
    lite = await Store.open(str(tmp_path / "a.sqlite3"))
    pg = await Store.open(postgres.create_database("parity"))
    try:
        shapes = []
        for store in (lite, pg):
            tables = sorted(set(await store.db.tables()) - ENGINE_TABLES)
            shapes.append({t: sorted(c.name for c in await store.db.columns(t)) for t in tables})
        assert shapes[0] == shapes[1]
        assert len(SQLITE_MIGRATIONS) == len(POSTGRES_MIGRATIONS)
        types = {c.name: c.type for c in await pg.db.columns("users")}
        assert types["user_id"] == "BIGINT"
        assert types["created_at"] == "TIMESTAMP WITH TIME ZONE"
        assert {c.name: c.type for c in await pg.db.columns("sessions_done")}[
            "local_date"
        ] == "DATE"
        recorded = await pg.db.fetchall("SELECT version FROM schema_migrations ORDER BY version")
        assert [row[0] for row in recorded] == list(range(1, len(POSTGRES_MIGRATIONS) + 1))
    finally:
        await lite.close()
        await pg.close()


async def test_reopening_migrates_nothing_twice_and_keeps_the_data(db_target):
    store = await Store.open(db_target)
    await store.users.save(UserState(BIG_ID, chat_id=BIG_ID, goal="core"), NOW)
    await store.close()
    store = await Store.open(db_target)
    try:
        assert (await store.users.load(BIG_ID)).goal == "core"
        assert await store.db.schema_version() == len(SQLITE_MIGRATIONS)
    finally:
        await store.close()


async def test_a_database_from_a_newer_release_is_refused(db_target):
    store = await Store.open(db_target)
    if isinstance(store.db, PostgresDatabase):
        await store.db.write("INSERT INTO schema_migrations (version) VALUES (999)")
    else:
        await store.db.connection.execute("PRAGMA user_version = 999")
    await store.close()
    with pytest.raises(SchemaTooNew):
        await Store.open(db_target)


async def test_instances_starting_together_migrate_once(postgres):
    url = postgres.create_database("together")
    stores = await asyncio.gather(*(Store.open(url) for _ in range(4)))
    try:
        rows = await stores[0].db.fetchall("SELECT version FROM schema_migrations")
        assert len(rows) == len(POSTGRES_MIGRATIONS)
    finally:
        for store in stores:
            await store.close()


async def test_a_user_round_trips_with_a_64_bit_id(engine_store):
    state = UserState(
        BIG_ID,
        chat_id=BIG_ID,
        goal="core",
        level="intermediate",
        onboarded=True,
        timezone="Europe/Oslo",
        last_product_at=NOW,
        pending="remind_time",
        pending_data={"days": [0, 2]},
        language="nb",
        stages={"bird_dog": 1, "plank": -1},
    )
    await engine_store.users.save(state, NOW)
    loaded = await engine_store.users.load(BIG_ID)
    assert (loaded.goal, loaded.level, loaded.onboarded, loaded.language) == (
        "core",
        "intermediate",
        True,
        "nb",
    )
    assert loaded.last_product_at == NOW
    assert loaded.pending_data == {"days": [0, 2]}
    assert loaded.stages == {"bird_dog": 1, "plank": -1}
    assert await engine_store.users.count() == 1


async def test_stages_changed_on_a_later_turn_are_saved_and_unchanged_ones_kept(engine_store):
    await engine_store.users.save(UserState(BIG_ID, stages={"plank": 1}), NOW)
    state = await engine_store.users.load(BIG_ID)
    state.stages["bird_dog"] = -1
    await engine_store.users.save(state, NOW)
    state = await engine_store.users.load(BIG_ID)
    state.goal = "core"  # a turn that leaves the stages alone
    await engine_store.users.save(state, NOW)
    assert (await engine_store.users.load(BIG_ID)).stages == {"plank": 1, "bird_dog": -1}


async def test_a_group_is_told_once_whichever_instance_sees_it(engine_store, second_store):
    group = -1001234567890  # supergroup ids need 64 bits
    assert await engine_store.groups.tell_once(group, NOW)
    assert not await second_store.groups.tell_once(group, NOW)
    assert not await engine_store.groups.tell_once(group, NOW)


async def test_a_save_over_a_state_another_instance_saved_is_refused(engine_store, second_store):
    await engine_store.users.save(UserState(BIG_ID, chat_id=1), NOW)
    mine = await engine_store.users.load(BIG_ID)
    theirs = await second_store.users.load(BIG_ID)
    theirs.goal = "strength"
    await second_store.users.save(theirs, NOW)
    mine.level = "advanced"
    with pytest.raises(StaleState):
        await engine_store.users.save(mine, NOW)
    fresh = await engine_store.users.load(BIG_ID)
    assert (fresh.goal, fresh.level) == ("strength", "beginner")


async def test_two_instances_creating_the_same_user_do_not_overwrite_each_other(
    engine_store, second_store
):
    first = await engine_store.users.load(BIG_ID)
    second = await second_store.users.load(BIG_ID)
    first.goal = "core"
    await engine_store.users.save(first, NOW)
    with pytest.raises(StaleState):
        await second_store.users.save(second, NOW)
    assert (await second_store.users.load(BIG_ID)).goal == "core"


async def test_concurrent_retried_updates_from_two_instances_lose_nothing(
    engine_store, second_store
):
    """Each "turn" adds one to a counter; the loser of a race loads again and retries."""

    async def turns(store: Store, count: int) -> None:
        for _ in range(count):
            while True:
                state = await store.users.load(BIG_ID, chat_id=1)
                state.pending_data = {"n": state.pending_data.get("n", 0) + 1}
                try:
                    await store.users.save(state, NOW)
                    break
                except StaleState:
                    await asyncio.sleep(0)

    await asyncio.gather(turns(engine_store, 40), turns(second_store, 40))
    assert (await engine_store.users.load(BIG_ID)).pending_data == {"n": 80}


async def test_export_and_erasure_cover_every_user_table(engine_store):
    other = BIG_ID + 1
    tables = await fill_every_user_table(engine_store.db, BIG_ID)
    await fill_every_user_table(engine_store.db, other)
    await engine_store.learning.record_miss("hello?", "fallback", None, None, NOW, author=BIG_ID)
    schema = await read_schema(engine_store.db)
    assert schema.unclassified == ()
    exported = await engine_store.users.export(BIG_ID)
    assert set(exported) == set(tables)
    assert all(len(rows) == 1 for rows in exported.values())
    await engine_store.users.delete_everything(BIG_ID)
    assert all(rows == [] for rows in (await engine_store.users.export(BIG_ID)).values())
    assert all(len(rows) == 1 for rows in (await engine_store.users.export(other)).values())
    assert await engine_store.learning.top_misses() == []


async def test_progress_streak_escalations_and_stats_read_alike(engine_store):
    store = engine_store
    await store.users.save(UserState(BIG_ID, chat_id=BIG_ID), NOW)
    monday = date(2026, 1, 5)
    assert await store.progress.record(BIG_ID, monday, "done", NOW)
    assert not await store.progress.record(BIG_ID, monday, "done", NOW)  # a double tap
    await store.progress.record(BIG_ID, monday + timedelta(days=2), "done", NOW + timedelta(1))
    assert [r.local_date for r in await store.progress.between(BIG_ID, monday, monday)] == [monday]
    assert await store.coaching.painless_streak(BIG_ID) == 2
    await store.escalations.record(BIG_ID, "stop", "sharp_pain", "text", None, NOW)
    assert await store.escalations.by_tier() == {"stop": 1}
    assert await store.escalations.by_tier(NOW + timedelta(days=1)) == {}
    assert await store.coaching.painless_streak(BIG_ID) == 1  # the later session still counts
    overview = await store.stats.overview(sessions_since=monday)
    assert (overview.users, overview.sessions_done) == (1, 2)


async def test_the_best_guess_for_a_miss_is_a_scored_one(engine_store):
    await engine_store.learning.record_miss("back ache?", "fallback", None, None, NOW)
    await engine_store.learning.record_miss("back ache?", "clarify", "pain", 0.4, NOW)
    (summary,) = await engine_store.learning.top_misses()
    assert (summary.count, summary.best_id, summary.best_score) == (2, "pain", 0.4)
