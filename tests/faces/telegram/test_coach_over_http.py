"""The coach end to end over HTTP: browse, free text, onboarding, a session step by step,
progression after "too easy", and the PDF guide arriving as a document."""

from __future__ import annotations

import io

from pypdf import PdfReader

from harness.fake_bot_api import FakeBotAPI, callback_data
from tests.support.telegram_app import bot_settings, running_bot, wait_messages


class Chat:
    """One user's conversation: send or tap, then wait for that many new messages."""

    def __init__(self, api: FakeBotAPI):
        self.api = api
        self.seen = 0

    async def send(self, text: str, expect: int = 1) -> list[dict]:
        self.api.push_text(text)
        return await self._new(expect)

    async def tap(self, message: dict, prefix: str, expect: int = 1) -> list[dict]:
        self.api.push_button(button(message, prefix))
        return await self._new(expect)

    async def _new(self, count: int) -> list[dict]:
        self.seen += count
        return (await wait_messages(self.api, self.seen))[-count:]


def button(message: dict, prefix: str) -> str:
    """The first button whose callback data starts with `prefix` ("v1|set_goal|core")."""
    found = [data for data in callback_data(message) if data.startswith(prefix)]
    assert found, f"no {prefix!r} button in {callback_data(message)}"
    return found[0]


async def test_browse_and_free_text_reach_the_cards(api, tmp_path, clock):
    async with running_bot(bot_settings(api, tmp_path / "bot.sqlite3"), clock=clock):
        chat = Chat(api)
        (goals,) = await chat.send("/exercises")
        assert "Which goal" in goals["text"]
        (core,) = await chat.tap(goals, "v1|goal|core")
        assert "Bird-dog" in core["text"] and "Plank" in core["text"]
        (card,) = await chat.tap(core, "v1|exercise|bird_dog")
        assert "<b>Bird-dog</b>" in card["text"] and "1. Get on all fours" in card["text"]
        assert "Your dose (Beginner)" in card["text"] and len(card["text"]) <= 4096
        (easier,) = await chat.tap(card, "v1|variation|bird_dog.easier")
        assert "Keep both knees down" in easier["text"]
        (back,) = await chat.tap(card, "v1|goal|")
        assert "Exercises for" in back["text"]

        (typed,) = await chat.send("birddog instructions pls")
        assert "<b>Bird-dog</b>" in typed["text"]
        (listed,) = await chat.send("core exercises")
        assert "Exercises for Core stabilisation" in listed["text"]


async def test_onboarding_session_progression_and_guide(api, tmp_path, clock):
    async with running_bot(bot_settings(api, tmp_path / "bot.sqlite3"), clock=clock):
        chat = Chat(api)
        welcome, goal_question = await chat.send("/start", expect=2)
        assert "main goal" in goal_question["text"]
        (level_question,) = await chat.tap(goal_question, "v1|set_goal|core")
        assert "Beginner: New to exercise" in level_question["text"]
        (ready,) = await chat.tap(level_question, "v1|set_level|beginner")
        assert "All set" in ready["text"]

        (overview,) = await chat.tap(ready, "v1|session|")
        assert "Warm-up" in overview["text"] and "Cool-down" in overview["text"]
        assert "Core stabilisation" in overview["text"]
        (step,) = await chat.tap(overview, "v1|session_step|")
        assert step["text"].startswith("<b>1/")
        (step,) = await chat.tap(step, "v1|session_step|")
        assert step["text"].startswith("<b>2/")
        name = step["text"].split(": ", 1)[1].split("</b>", 1)[0]

        (change,) = await chat.tap(step, "v1|session_easy|")
        assert f"{name} felt too easy" in change["text"]
        assert "harder version" in change["text"]
        (harder,) = await chat.tap(change, "v1|session_step|")
        assert "Your version now (harder)" in harder["text"]

        current = harder
        while not any(data.startswith("v1|session_done|") for data in callback_data(current)):
            (current,) = await chat.tap(current, "v1|session_step|")
        (finished,) = await chat.tap(current, "v1|session_done|")
        assert "Well done" in finished["text"]

        (_, document) = await chat.send("/guide", expect=2)
        assert document["method"] == "sendDocument"
        assert document["file"]["filename"].endswith(".pdf")
        reader = PdfReader(io.BytesIO(document["file"]["data"]))
        text = " ".join(page.extract_text() for page in reader.pages)
        assert "Core stabilisation" in text and "Weekly plan" in text
