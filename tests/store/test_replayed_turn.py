"""A turn whose save loses to another instance is replayed on the fresh state (both engines, so
on a real PostgreSQL server too): what the turn records besides the user's row (a safety
escalation, an unanswered question, a level change) is written once, a session it counts stays
new to it, and the other instance's change stays."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.brain.assistant import Assistant
from bot.brain.coach.progression import STREAK_FOR_LEVEL_UP
from bot.brain.services import BrainConfig
from bot.model.reply import Action

USER = 7_000_000_321
EMERGENCY = "I can't control my bladder since my back started hurting"
UNANSWERABLE = "which mattress brand do astronauts sleep on in orbit"


@pytest.fixture
def mine(content, clock, engine_store) -> Assistant:
    config = BrainConfig(emergency_number="112", default_timezone="Europe/Oslo")
    return Assistant(content, engine_store, clock, config)


@pytest.fixture
def lose_next_race(clock, engine_store, second_store, monkeypatch):
    """Arms a race: the next turn loads the user, then the other instance saves that user
    (a new timezone) before the turn's own save, which is refused and replayed."""
    load = engine_store.users.load
    armed = []

    async def load_then_lose_the_race(user_id: int, chat_id: int = 0):
        state = await load(user_id, chat_id)
        if armed:
            armed.clear()
            theirs = await second_store.users.load(user_id)
            theirs.timezone = "Europe/London"
            await second_store.users.save(theirs, clock.now())
            raced.append(True)
        return state

    raced: list[bool] = []
    monkeypatch.setattr(engine_store.users, "load", load_then_lose_the_race)

    def arm() -> list[bool]:
        armed.append(True)
        return raced

    return arm


async def level_changes(store) -> list[tuple[str, str]]:
    rows = (await store.users.export(USER))["level_changes"]
    return [(row["level"], row["reason"]) for row in rows]


async def test_a_replayed_emergency_turn_is_reported_once(mine, engine_store, lose_next_race):
    await mine.reply(USER, "/start")
    raced = lose_next_race()
    reply = await mine.reply(USER, EMERGENCY)
    assert (reply.kind, reply.severity) == ("safety", "emergency")
    assert raced
    assert await engine_store.escalations.by_tier() == {"emergency": 1}
    assert await engine_store.escalations.by_rule() == [("emergency", reply.id, 1)]
    stored = await engine_store.users.load(USER)
    assert (stored.timezone, stored.safety_hold) == ("Europe/London", "emergency")


async def test_a_replayed_unanswered_question_is_logged_once(mine, engine_store, lose_next_race):
    """A new user's first message: the other instance stores the user first."""
    raced = lose_next_race()
    reply = await mine.reply(USER, UNANSWERABLE)
    assert reply.kind in ("fallback", "clarify")
    assert raced
    (miss,) = await engine_store.learning.top_misses()
    assert miss.count == 1
    assert (await engine_store.users.load(USER)).timezone == "Europe/London"


async def test_a_replayed_level_choice_is_recorded_once(mine, engine_store, lose_next_race):
    await mine.reply(USER, "/start")
    await mine.press(USER, Action("set_goal", "core"))
    raced = lose_next_race()
    await mine.press(USER, Action("set_level", "intermediate"))
    assert raced
    assert await level_changes(engine_store) == [("intermediate", "chosen")]
    stored = await engine_store.users.load(USER)
    assert (stored.level, stored.timezone) == ("intermediate", "Europe/London")


async def test_a_replayed_session_that_completes_a_streak_still_levels_up_once(
    mine, engine_store, clock, lose_next_race
):
    await mine.reply(USER, "/start")
    await mine.press(USER, Action("set_goal", "core"))
    await mine.press(USER, Action("set_level", "beginner"))

    async def self_reported(race: bool = False):
        overview = await mine.reply(USER, "/session")
        (asked,) = [a for a in overview.actions() if a.name == "session_self"]
        confirm = await mine.press(USER, asked)
        (yes,) = [a for a in confirm.actions() if a.name == "session_self_yes"]
        raced = lose_next_race() if race else None
        reply = await mine.press(USER, yes)
        assert raced is None or raced
        return reply

    for _ in range(STREAK_FOR_LEVEL_UP - 1):
        clock.advance(timedelta(days=1))
        await self_reported()
    clock.advance(timedelta(days=1))
    last = await self_reported(race=True)
    assert "Well done! I've noted today's session." in last.text, "not 'already noted'"
    assert "moved you up to Intermediate" in last.text
    assert (await engine_store.users.load(USER)).level == "intermediate"
    assert await level_changes(engine_store) == [("intermediate", "streak")]
