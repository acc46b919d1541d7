"""What is stored, a copy of it, and erasure that leaves nothing behind in any table."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.brain.assistant import Assistant
from bot.brain.services import BrainConfig
from bot.model.reply import Action
from bot.store import Store
from bot.store.ownership import ANONYMOUS_TABLES, read_schema
from tests.support.user_rows import fill_every_user_table

USER, OTHER = 501, 502
MARKER = "zebracorn"
"""A word no content uses, to find a user's own words wherever they might have been stored."""


def _confirm_action(reply) -> Action:
    return next(a for a in reply.actions() if a.name == "delete_my_data" and a.arg != "no")


async def _rows_about(store, user_id: int) -> dict[str, int]:
    schema = await store.users.schema()
    counts = {}
    for table in schema.owned:
        row = await store.db.fetchone(
            f'SELECT COUNT(*) FROM "{table.name}" WHERE {table.condition}', (user_id,)
        )
        counts[table.name] = row[0]
    return counts


async def test_every_table_is_either_about_a_user_or_declared_anonymous(store):
    schema = await read_schema(store.db)
    assert not schema.unclassified, (
        f"tables {schema.unclassified} have no user_id column, no foreign key to a table that "
        "has one, and are not in bot/store/ownership.py ANONYMOUS_TABLES: add a user_id column "
        "(so /my_data and /delete_my_data cover them) or declare them anonymous"
    )
    owned = {table.name for table in schema.owned}
    assert {"users", "exercise_stages", "subscriptions", "deliveries", "sessions_done"} <= owned
    assert {"escalations"} <= owned and not owned & ANONYMOUS_TABLES


async def test_delete_everything_empties_every_user_table_and_spares_others(store):
    tables = await fill_every_user_table(store.db, USER)
    await fill_every_user_table(store.db, OTHER)
    assert all(await _rows_about(store, USER)), "the filler must reach every table"

    await store.users.delete_everything(USER)

    assert await _rows_about(store, USER) == dict.fromkeys(tables, 0)
    assert all((await _rows_about(store, OTHER)).values())


async def test_export_contains_a_row_from_every_user_table(store):
    tables = await fill_every_user_table(store.db, USER)
    await fill_every_user_table(store.db, OTHER)
    exported = await store.users.export(USER)
    assert set(exported) == set(tables)
    assert all(len(rows) == 1 for rows in exported.values())
    assert all(row.get("user_id", USER) == USER for rows in exported.values() for row in rows)


async def test_privacy_says_what_is_stored_and_offers_export_and_delete(assistant):
    reply = await assistant.reply(USER, "/privacy")
    assert "do not keep the words of your other messages" in reply.text
    assert "(not the words you wrote)" in reply.text
    assert "/my_data" in reply.text and "/delete_my_data" in reply.text
    assert Action("my_data") in reply.actions()
    assert Action("delete_my_data", "ask") in reply.actions()


async def test_privacy_mentions_kept_safety_text_when_the_operator_keeps_it(content, store, clock):
    keeping = Assistant(content, store, clock, BrainConfig(store_safety_text=True))
    reply = await keeping.reply(USER, "/privacy")
    assert "the words of that message" in reply.text


async def test_my_data_sends_a_json_file_of_the_stored_rows(assistant):
    await assistant.reply(USER, "how often should I exercise?")
    reply = await assistant.reply(USER, "/my_data")
    assert reply.document is not None and reply.document.filename == "my_data.json"
    exported = json.loads(reply.document.data)
    assert exported["user_id"] == USER
    assert exported["tables"]["users"][0]["user_id"] == USER


async def test_my_data_for_someone_never_seen_says_nothing_is_stored(assistant):
    reply = await assistant.reply(USER, "/my_data")
    assert reply.document is None
    assert "don't store anything" in reply.text


async def test_delete_asks_first_then_erases_every_row(assistant, store):
    await assistant.reply(USER, "I can't feel my legs and I can't control my bladder")
    await fill_every_user_table(store.db, USER + 1000)  # someone else, untouched
    before = await _rows_about(store, USER)
    assert before["users"] == before["escalations"] == 1

    question = await assistant.reply(USER, "/delete_my_data")
    assert "cannot be undone" in question.text
    assert any((await _rows_about(store, USER)).values()), "asking must not delete"

    done = await assistant.press(USER, _confirm_action(question))
    assert "deleted" in done.text
    assert not any((await _rows_about(store, USER)).values())
    assert all((await _rows_about(store, USER + 1000)).values())


async def test_keeping_the_data_deletes_nothing(assistant, store):
    await assistant.reply(USER, "hi")
    await assistant.reply(USER, "/delete_my_data")
    kept = await assistant.press(USER, Action("delete_my_data", "no"))
    assert "Nothing was deleted" in kept.text
    assert (await _rows_about(store, USER))["users"] == 1


async def test_an_old_confirmation_button_has_expired(assistant, store, clock):
    await assistant.reply(USER, "hi")
    question = await assistant.reply(USER, "/delete_my_data")
    clock.advance(timedelta(minutes=11))
    late = await assistant.press(USER, _confirm_action(question))
    assert "expired" in late.text
    assert (await _rows_about(store, USER))["users"] == 1
    forged = await assistant.press(USER, Action("delete_my_data", "yes.99999999999999999999"))
    assert "expired" in forged.text


async def test_free_text_is_not_stored_except_unanswered_questions(assistant, store):
    messages = [
        f"how often should I exercise {MARKER}",
        f"what is the capital of {MARKER}land",
        f"my {MARKER} hurts a bit after the bridge",
        f"I can't feel my legs {MARKER} and I have lost bladder control",
    ]
    for text in messages:
        await assistant.reply(USER, text)
    found = await _tables_containing(store, MARKER)
    assert set(found) <= {"unanswered"}, f"the user's words were stored in {found}"
    rows = await store.db.fetchall("SELECT * FROM unanswered")
    assert all(str(USER) not in map(str, dict(row).values()) for row in rows)


async def test_safety_text_is_stored_only_when_the_operator_asks(content, store, clock):
    keeping = Assistant(content, store, clock, BrainConfig(store_safety_text=True))
    await keeping.reply(USER, f"I can't feel my legs {MARKER} and I have lost bladder control")
    assert await _tables_containing(store, MARKER) == ["escalations"]


async def _tables_containing(store, word: str) -> list[str]:
    found = []
    for row in await store.db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'"):
        table = row["name"]
        for stored in await store.db.fetchall(f'SELECT * FROM "{table}"'):
            if any(word in str(value) for value in dict(stored).values()):
                found.append(table)
                break
    return found


async def test_erasure_removes_the_users_unanswered_questions_and_spares_others(assistant, store):
    await assistant.reply(USER, f"what is the capital of {MARKER}land")
    await assistant.reply(USER + 1, "what is the capital of quokkaland")
    question = await assistant.reply(USER, "/delete_my_data")
    await assistant.press(USER, _confirm_action(question))
    assert await _tables_containing(store, MARKER) == []
    assert await _tables_containing(store, "quokka") == ["unanswered"]
    rows = await store.db.fetchall("SELECT * FROM unanswered")
    assert all(str(USER + 1) not in map(str, dict(row).values()) for row in rows)


async def test_erased_words_are_gone_from_the_database_files_while_the_bot_runs(
    tmp_path, content, clock, config
):
    """Neither the database file nor its WAL keeps the words of a user who asked to be erased
    (read as bytes, as someone copying the files would)."""
    path = tmp_path / "bot.db"
    store = await Store.open(path)
    try:
        assistant = Assistant(content, store, clock, config)
        await assistant.reply(USER, f"my {MARKER} keeps barking when I do the plank")
        await assistant.reply(USER, f"what is the capital of {MARKER}land")

        def on_disk() -> bool:
            files = (path, path.with_name(path.name + "-wal"))
            return any(MARKER.encode() in f.read_bytes() for f in files if f.exists())

        assert on_disk()
        question = await assistant.reply(USER, "/delete_my_data")
        await assistant.press(USER, _confirm_action(question))
        assert not on_disk()
    finally:
        await store.close()


async def test_deleted_rows_are_overwritten_not_left_in_free_pages(store):
    (secure,) = await store.db.fetchone("PRAGMA secure_delete")
    assert secure == 1
