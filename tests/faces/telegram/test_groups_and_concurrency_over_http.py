"""Over HTTP with the real Application: groups get nothing personal (and are told so once, even
across restarts), old button presses still work, edits are not answered twice, and one user
never stalls another."""

from __future__ import annotations

import asyncio

from bot.faces.telegram.callbacks import encode
from bot.model.reply import Action
from tests.support.telegram_app import bot_settings, running_bot, wait_messages

GROUP = -100123
TOO_OLD = "Bad Request: query is too old and response timeout expired or query id is invalid"


async def test_in_a_group_the_bot_says_once_to_write_privately_and_nothing_else(
    api, tmp_path, clock
):
    settings = bot_settings(api, tmp_path / "bot.sqlite3")
    async with running_bot(settings, clock=clock):
        api.push_text("/my_data", chat_id=GROUP, chat_type="supergroup")
        (notice,) = await wait_messages(api, 1)
        assert notice["chat_id"] == GROUP and "private chat" in notice["text"]
        api.push_text(
            "I can't feel my legs and I lost bladder control", chat_id=GROUP, chat_type="supergroup"
        )
        api.push_text(
            "/remind mon 18:30", user_id=1087968824, chat_id=GROUP, chat_type="supergroup"
        )  # GroupAnonymousBot: every anonymous admin
        api.push_text("hello", user_id=778)  # a private chat still works, after the group's
        (_, private) = await wait_messages(api, 2)
        assert private["chat_id"] == 778
        await asyncio.sleep(0.3)
    assert [m["chat_id"] for m in api.sent].count(GROUP) == 1
    assert api.documents == []


async def test_a_group_told_once_is_not_told_again_after_a_restart(api, tmp_path, clock):
    settings = bot_settings(api, tmp_path / "bot.sqlite3")
    async with running_bot(settings, clock=clock):
        api.push_text("hello bot", chat_id=GROUP, chat_type="group")
        (notice,) = await wait_messages(api, 1)
        assert notice["chat_id"] == GROUP and "private chat" in notice["text"]
    async with running_bot(settings, clock=clock):  # the same database, a new process state
        api.push_text("hello again", user_id=779, chat_id=GROUP, chat_type="group")
        api.push_text("hello", user_id=778)  # handled after the group's message
        await wait_messages(api, 1, chat_id=778)
        await asyncio.sleep(0.3)
    assert [m["chat_id"] for m in api.sent].count(GROUP) == 1


async def test_channel_posts_and_edited_messages_are_not_answered(api, tmp_path, clock):
    settings = bot_settings(api, tmp_path / "bot.sqlite3")
    async with running_bot(settings, clock=clock):
        api.push_text("hello everyone", chat_id=-100999, chat_type="channel", kind="channel_post")
        api.push_text("how often should I exercise?", kind="edited_message")
        api.push_text("hello")
        (only,) = await wait_messages(api, 1)
        await asyncio.sleep(0.3)
    assert only["chat_id"] == 777 and len(api.sent) == 1


async def test_a_press_is_handled_when_answering_the_old_callback_fails(api, tmp_path, clock):
    settings = bot_settings(api, tmp_path / "bot.sqlite3")
    async with running_bot(settings, clock=clock):
        api.fail_method("answerCallbackQuery", 400, TOO_OLD)
        api.push_button(encode(Action("goals")))
        (reply,) = await wait_messages(api, 1)
    assert "went wrong" not in reply["text"]
    assert reply["reply_markup"] and reply["reply_markup"]["inline_keyboard"]


async def test_one_users_flood_neither_stalls_others_nor_is_answered_in_full(api, tmp_path, clock):
    settings = bot_settings(api, tmp_path / "bot.sqlite3")
    async with running_bot(settings, clock=clock):
        api.hold_chat(777)  # the flooder's first answer is stuck on its way out
        for n in range(40):
            api.push_text(f"hello {n}")
        await wait_messages(api, 1, chat_id=777)
        api.push_text("hello", user_id=778)
        await wait_messages(api, 1, chat_id=778)  # answered while 777's reply still hangs
        api.release()
        await asyncio.sleep(1.0)
    to_flooder = [m for m in api.sent if m["chat_id"] == 777]
    assert len(to_flooder) < 40  # counted at arrival: most of the flood is dropped
    assert any("faster than I can read" in m["text"] for m in to_flooder)


async def test_each_users_messages_are_answered_in_the_order_sent(api, tmp_path, clock):
    """Users run concurrently, but one user's next message waits for the answer to the last:
    while that answer hangs, nothing else goes to the user, and all arrive in order after."""
    settings = bot_settings(api, tmp_path / "bot.sqlite3")
    async with running_bot(settings, clock=clock):
        api.hold_chat(777)
        for command in ("/help", "/privacy", "/reminders"):
            api.push_text(command)
        await wait_messages(api, 1, chat_id=777)
        api.push_text("hello", user_id=778)
        await wait_messages(api, 1, chat_id=778)
        await asyncio.sleep(0.3)  # time enough for 777's later answers, were they not waiting
        assert len([m for m in api.sent if m["chat_id"] == 777]) == 1
        api.release()
        answers = await wait_messages(api, 3, chat_id=777)
    assert "Ask me anything" in answers[0]["text"]
    assert "What I store about you" in answers[1]["text"]
    assert "no reminders yet" in answers[2]["text"]
