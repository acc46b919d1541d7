"""A Norwegian user end to end over HTTP: the real python-telegram-bot stack, the fake Bot API,
and a Telegram app set to Norwegian (`language_code: nb`)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.content.loader import load_library
from tests.conftest import KNOWLEDGE
from tests.support.telegram_app import bot_settings, running_bot, wait_messages

USER = 4711
MONDAY_SLOT = datetime(2026, 1, 5, 17, 30, tzinfo=UTC)  # Mon 18:30 in Oslo


def first_line(text: str) -> str:
    return text.strip().split("\n")[0]


async def test_a_norwegian_user_is_served_in_norwegian_from_welcome_to_red_flag(
    api, tmp_path, clock
):
    nb = load_library(KNOWLEDGE)["nb"]
    settings = bot_settings(api, tmp_path / "bot.sqlite3", reminder_tick_seconds=0.2)
    async with running_bot(settings, clock=clock):
        menus = [params for method, params in api.calls if method == "setMyCommands"]
        assert any(params.get("language_code") == "nb" for params in menus)

        api.push_text("/start", user_id=USER, language_code="nb")
        welcome, question = await wait_messages(api, 2, chat_id=USER)  # and the first question
        assert first_line(nb.messages.general.welcome) in welcome["text"]

        api.push_text("hvor ofte bør jeg trene ryggen?", user_id=USER, language_code="nb")
        answer = (await wait_messages(api, 3, chat_id=USER))[-1]
        assert first_line(nb.faq["how_often"].answer) in answer["text"]

        api.push_text("hvordan gjør jeg seteløft?", user_id=USER, language_code="nb")
        card = (await wait_messages(api, 4, chat_id=USER))[-1]
        assert nb.exercises["glute_bridge"].steps[0] in card["text"]

        api.push_text("minn meg på mandag onsdag fredag kl 18.30", user_id=USER)
        await wait_messages(api, 5, chat_id=USER)
        clock.set(MONDAY_SLOT)
        reminder = (await wait_messages(api, 6, chat_id=USER))[-1]
        assert nb.messages.reminders.reminder_title in reminder["text"]

        api.push_text("jeg får ikke kontroll over blæren og ryggen verker", user_id=USER)
        alarm = (await wait_messages(api, 7, chat_id=USER))[-1]
        assert "113" in first_line(alarm["text"])
