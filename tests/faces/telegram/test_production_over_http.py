"""End to end over HTTP: erasure checked in the database, data export, flood, long messages and a
second poller on the same token."""

from __future__ import annotations

import json
import logging
import sqlite3
from datetime import timedelta

from bot.store import Store
from harness.fake_bot_api import buttons
from tests.support.telegram_app import bot_settings, running_bot, wait_messages
from tests.support.user_rows import fill_every_user_table

USER, NEIGHBOUR = 777, 888


async def _prefilled(database) -> list[tuple[str, str]]:
    """A row about USER and NEIGHBOUR in every user-data table, as after months of use; returns
    each such table with its "belongs to the user" condition."""
    store = await Store.open(database)
    try:
        await fill_every_user_table(store.db, USER)
        await fill_every_user_table(store.db, NEIGHBOUR)
        return [(table.name, table.condition) for table in (await store.users.schema()).owned]
    finally:
        await store.close()


def _rows_about(database, owned: list[tuple[str, str]], user_id: int) -> dict[str, int]:
    connection = sqlite3.connect(database)
    try:
        return {
            name: connection.execute(
                f'SELECT COUNT(*) FROM "{name}" WHERE {condition}', (user_id,)
            ).fetchone()[0]
            for name, condition in owned
        }
    finally:
        connection.close()


async def test_delete_my_data_leaves_no_row_behind_in_the_database(api, tmp_path, clock):
    database = tmp_path / "bot.sqlite3"
    owned = await _prefilled(database)
    assert all(_rows_about(database, owned, USER).values())

    async with running_bot(bot_settings(api, database), clock=clock):
        api.push_text("I can't feel my legs and I have lost bladder control")
        api.push_text("/delete_my_data")
        question = (await wait_messages(api, 2))[-1]
        assert "cannot be undone" in question["text"]
        confirm = next(data for label, data in buttons(question) if label.startswith("Yes"))
        api.push_button(confirm)
        done = (await wait_messages(api, 3))[-1]
        assert "Everything I stored about you is deleted" in done["text"]

    assert _rows_about(database, owned, USER) == {name: 0 for name, _ in owned}
    assert all(_rows_about(database, owned, NEIGHBOUR).values()), "only the asker's rows go"


async def test_my_data_arrives_as_a_json_document(api, tmp_path, clock):
    async with running_bot(bot_settings(api, tmp_path / "bot.sqlite3"), clock=clock):
        api.push_text("/start")
        api.push_text("/my_data")
        await wait_messages(api, 3)
    (document,) = api.documents
    assert document["file"]["filename"] == "my_data.json"
    exported = json.loads(document["file"]["data"])
    assert exported["user_id"] == USER
    assert exported["tables"]["users"][0]["chat_id"] == USER


async def test_a_flood_gets_one_notice_then_silence_until_it_calms(api, tmp_path, clock):
    async with running_bot(bot_settings(api, tmp_path / "bot.sqlite3"), clock=clock):
        for _ in range(25):  # the clock stands still: all 25 arrive in the same instant
            api.push_text("hi")
        api.push_text("hi", user_id=NEIGHBOUR)
        await wait_messages(api, 1, chat_id=NEIGHBOUR)
        flooded = await wait_messages(api, 21, chat_id=USER)
        assert "faster than I can read" in flooded[20]["text"]
        assert not any("faster" in m["text"] for m in flooded[:20])

        clock.advance(timedelta(seconds=11))
        api.push_text("hi")
        calm = await wait_messages(api, 22, chat_id=USER)
    assert len(calm) == 22, "the four messages after the notice got no answer"
    assert "faster" not in calm[-1]["text"]


async def test_a_red_flag_is_answered_even_during_a_flood(api, tmp_path, clock):
    async with running_bot(bot_settings(api, tmp_path / "bot.sqlite3"), clock=clock):
        for _ in range(22):
            api.push_text("hi")
        api.push_text("I can't feel my legs and I have lost bladder control")
        replies = await wait_messages(api, 22)
    assert "faster" in replies[20]["text"]
    assert replies[21]["text"].startswith("⚠️"), "the emergency advice, not silence"


async def test_a_message_longer_than_telegram_allows_is_answered_within_limits(
    api, tmp_path, clock
):
    async with running_bot(bot_settings(api, tmp_path / "bot.sqlite3"), clock=clock):
        api.push_text("how often should I exercise? " + "\u202e\u200bblah " * 1200)
        replies = await wait_messages(api, 1)
    assert "read the beginning" in replies[0]["text"]
    assert all(len(reply["text"]) <= 4096 for reply in replies)


async def test_a_second_poller_is_explained_in_the_log_and_polling_goes_on(
    api, tmp_path, clock, caplog
):
    api.conflicts_left = 2
    with caplog.at_level(logging.WARNING):
        async with running_bot(bot_settings(api, tmp_path / "bot.sqlite3"), clock=clock):
            api.push_text("hi")
            (reply,) = await wait_messages(api, 1)
    assert "Hello" in reply["text"]
    explained = [
        r for r in caplog.records if "another program is using this bot token" in r.message
    ]
    assert len(explained) == 2
    assert all(r.exc_info is None for r in explained), "an explanation, not a traceback"
