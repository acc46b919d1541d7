"""End to end over HTTP: the real PTB Application talks to a fake Bot API on 127.0.0.1."""

from __future__ import annotations

from bot.faces.telegram.callbacks import encode
from bot.model.reply import Action
from harness.fake_bot_api import buttons
from tests.support.telegram_app import bot_settings, running_bot, wait_messages


async def test_start_question_and_button(api, tmp_path, clock):
    settings = bot_settings(api, tmp_path / "bot.sqlite3")
    async with running_bot(settings, clock=clock):
        api.push_text("/start")
        welcome, first_question = await wait_messages(api, 2)
        assert "back-care coach" in welcome["text"]
        assert "not medical advice" in welcome["text"]
        assert welcome["parse_mode"] == "HTML"
        assert any(data == encode(Action("goals")) for _, data in buttons(welcome))
        assert "main goal" in first_question["text"]

        api.push_text("how often should i exercise??")
        answer = (await wait_messages(api, 3))[-1]
        assert "<b>" in answer["text"] and "week" in answer["text"]
        related = [data for _, data in buttons(answer) if data.startswith("v1|faq|")]
        assert related

        api.push_button(related[0])
        follow = (await wait_messages(api, 4))[-1]
        assert follow["text"].startswith("<b>")
        answered = [params for method, params in api.calls if method == "answerCallbackQuery"]
        assert answered, "the button spinner must be stopped"
    assert "setMyCommands" in api.methods()


async def test_user_text_is_escaped_and_forged_buttons_expire(api, tmp_path, clock):
    settings = bot_settings(api, tmp_path / "bot.sqlite3")
    async with running_bot(settings, clock=clock):
        api.push_button("v0|evil|<script>")
        (expired,) = await wait_messages(api, 1)
        assert "expired" in expired["text"]
        api.push_sticker()
        (_, sticker) = await wait_messages(api, 2)
        assert "only read text" in sticker["text"]
        api.push_text("what is <b>love</b> & pizza?")
        reply = (await wait_messages(api, 3))[-1]
        assert "<b>love</b>" not in reply["text"]


async def test_exercise_card_fits_one_message(api, tmp_path, clock):
    settings = bot_settings(api, tmp_path / "bot.sqlite3")
    async with running_bot(settings, clock=clock):
        api.push_text("how do I do a glute bridge")
        (card,) = await wait_messages(api, 1)
        assert "1. " in card["text"] and len(card["text"]) <= 4096
        assert any("easier" in data for _, data in buttons(card))
