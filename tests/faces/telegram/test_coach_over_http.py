"""The coach end to end over HTTP: cards with their pictures, onboarding, a session paused,
resumed and finished with its check-in, "It hurts" mid-session, the hold timer, /progress with
its chart, and the PDF guide arriving as a document."""

from __future__ import annotations

import asyncio
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


async def test_a_card_arrives_with_its_picture_uploaded_once(api, tmp_path, clock):
    async with running_bot(bot_settings(api, tmp_path / "bot.sqlite3"), clock=clock):
        chat = Chat(api)
        (goals,) = await chat.send("/exercises")
        assert "Which goal" in goals["text"]
        (core,) = await chat.tap(goals, "v1|goal|core")
        assert "Bird-dog" in core["text"] and "Plank" in core["text"]
        (card,) = await chat.tap(core, "v1|exercise|bird_dog")
        assert card["method"] == "sendAnimation", "the picture carries the card as its caption"
        assert card["file"]["filename"] == "bird_dog-standard.gif"
        assert card["file"]["data"].startswith(b"GIF89a")
        assert "<b>Bird-dog</b>" in card["text"] and "1. Get on all fours" in card["text"]
        assert "Your dose (Beginner)" in card["text"] and "Form cues" not in card["text"]
        (more,) = await chat.tap(card, "v1|exercise_more|bird_dog")
        assert more["method"] == "sendMessage" and "Form cues" in more["text"]
        (easier,) = await chat.tap(card, "v1|variation|bird_dog.easier")
        assert easier["file"]["filename"] == "bird_dog-easier.gif"
        assert "1. Get on all fours" in easier["text"] and "Slide your right hand" in easier["text"]
        (back,) = await chat.tap(card, "v1|goal|")
        assert "Exercises for" in back["text"]

        (typed,) = await chat.send("birddog instructions pls")
        assert "<b>Bird-dog</b>" in typed["text"]
        assert typed["file"] == f"anim{card['message_id']}", "the second time, Telegram's file id"
        (listed,) = await chat.send("core exercises")
        assert "Exercises for Core stabilisation" in listed["text"]


async def test_onboarding_session_paused_resumed_and_finished(api, tmp_path, clock):
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
        (step,) = await chat.tap(overview, "v1|session_step|")
        assert step["method"] == "sendAnimation" and step["text"].startswith("<b>1/")
        (step,) = await chat.tap(step, "v1|session_next|")
        assert step["text"].startswith("<b>2/")
        (paused,) = await chat.tap(step, "v1|session_stop|")
        assert "Paused at exercise 2" in paused["text"]

        (again,) = await chat.send("/session")
        assert "Resume at exercise 2 of" in again["text"] or "Resume at exercise 2 of" in str(
            again["reply_markup"]
        )
        (current,) = await chat.tap(again, "v1|session_step|")
        assert current["text"].startswith("<b>2/"), "resumed where it was left"
        (current,) = await chat.send("next")
        assert current["text"].startswith("<b>3/"), "typed words drive the session too"
        while not any(d.startswith("v1|session_done|") for d in callback_data(current)):
            (current,) = await chat.tap(current, "v1|session_next|")
        (finished,) = await chat.tap(current, "v1|session_done|")
        assert "Well done" in finished["text"] and "Rate your pain" in finished["text"]
        (function,) = await chat.tap(finished, "v1|checkin_pain|")
        assert "0/10" in function["text"] and "everyday movements" in function["text"]
        (felt,) = await chat.tap(function, "v1|checkin_function|")
        assert "how did it feel" in felt["text"]

        (_, document) = await chat.send("/guide", expect=2)
        assert document["method"] == "sendDocument"
        assert document["file"]["filename"].endswith(".pdf")
        reader = PdfReader(io.BytesIO(document["file"]["data"]))
        text = " ".join(page.extract_text() for page in reader.pages)
        assert "Core stabilisation" in text and "Weekly plan" in text


async def test_it_hurts_mid_session_keeps_the_session_going(api, tmp_path, clock):
    async with running_bot(bot_settings(api, tmp_path / "bot.sqlite3"), clock=clock):
        chat = Chat(api)
        (overview,) = await chat.send("/session")
        (step,) = await chat.tap(overview, "v1|session_step|")
        (step,) = await chat.tap(step, "v1|session_next|")
        (hurt,) = await chat.tap(step, "v1|session_hurt|")
        assert "Stop" in hurt["text"] or "stop" in hurt["text"]
        assert "carry on with the rest of the session" in hurt["text"]
        (onward,) = await chat.tap(hurt, "v1|session_skip|")
        assert onward["method"] == "sendAnimation" and onward["text"].startswith("<b>3/")


async def test_progress_sends_a_chart_with_the_summary(api, tmp_path, clock):
    async with running_bot(bot_settings(api, tmp_path / "bot.sqlite3"), clock=clock):
        chat = Chat(api)
        (progress,) = await chat.send("/progress")
        assert progress["method"] == "sendPhoto"
        assert progress["file"]["data"].startswith(b"\x89PNG")
        assert "Your progress" in progress["text"] and "This week: 0 of 3" in progress["text"]


async def test_a_hold_timer_edits_its_message_when_time_is_up(api, tmp_path, clock):
    from bot.faces.telegram.handlers import send_reply
    from bot.model.reply import Action, Button, Reply, Timer, para

    async with running_bot(bot_settings(api, tmp_path / "bot.sqlite3"), clock=clock) as app:
        onward = Button("Next exercise", Action("session_next", "20260105.b.core.1"))
        timer = Timer(0, (para("Time's up!"),), buttons=((onward,),))
        await send_reply(app.bot, 777, Reply("session", (para("Hold 20 seconds"),), timer=timer))
        (sent,) = await wait_messages(api, 1)
        for _ in range(100):
            if api.edits:
                break
            await asyncio.sleep(0.02)
        (edit,) = api.edits
        assert edit["message_id"] == sent["message_id"] and edit["text"] == "Time&#x27;s up!"
        assert edit["reply_markup"]["inline_keyboard"][0][0]["text"] == "Next exercise"
