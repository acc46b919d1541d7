"""A turn whose save loses to another instance is replayed on the fresh state (both engines):
the operator's report counts its safety escalation once, and the other instance's change stays."""

from __future__ import annotations

from bot.brain.assistant import Assistant
from bot.brain.services import BrainConfig

USER = 7_000_000_321
EMERGENCY = "I can't control my bladder since my back started hurting"


async def test_a_replayed_emergency_turn_is_reported_once(
    content, clock, engine_store, second_store, monkeypatch
):
    config = BrainConfig(emergency_number="112", default_timezone="Europe/Oslo")
    mine = Assistant(content, engine_store, clock, config)
    await mine.reply(USER, "/start")
    load = engine_store.users.load
    raced = []

    async def load_then_lose_the_race(user_id: int, chat_id: int = 0):
        state = await load(user_id, chat_id)
        if not raced:  # the other instance saves this user while this turn runs
            raced.append(True)
            theirs = await second_store.users.load(user_id)
            theirs.timezone = "Europe/London"
            await second_store.users.save(theirs, clock.now())
        return state

    monkeypatch.setattr(engine_store.users, "load", load_then_lose_the_race)
    reply = await mine.reply(USER, EMERGENCY)
    assert (reply.kind, reply.severity) == ("safety", "emergency")
    assert raced
    assert await engine_store.escalations.by_tier() == {"emergency": 1}
    assert await engine_store.escalations.by_rule() == [("emergency", reply.id, 1)]
    stored = await load(USER)
    assert (stored.timezone, stored.safety_hold) == ("Europe/London", "emergency")
