"""/stats: numbers for operators; for everyone else the ordinary unknown-command reply."""

from __future__ import annotations

from bot.brain.assistant import Assistant
from bot.brain.services import BrainConfig

ADMIN, VISITOR = 9001, 42


async def test_stats_for_an_admin_counts_users_sessions_misses_and_escalations(
    content, store, clock
):
    assistant = Assistant(content, store, clock, BrainConfig(admin_user_ids=frozenset({ADMIN})))
    await assistant.reply(1, "what is the capital of peru")
    await assistant.reply(2, "what is the capital of peru")
    await assistant.reply(3, "I can't feel my legs and I have lost bladder control")
    monday = clock.now().date()
    await store.progress.record(1, monday, "done", clock.now())
    await store.progress.record(2, monday, "done", clock.now())

    reply = await assistant.reply(ADMIN, "/stats")

    assert reply.kind == "command"
    assert "Users: 3" in reply.text  # the admin becomes a user after this reply
    assert f"Sessions done this week (since {monday.isoformat()}): 2" in reply.text
    assert "2x what is the capital of peru" in reply.text
    assert "emergency: 1" in reply.text or "urgent: 1" in reply.text
    assert "0 active, 0 paused" in reply.text


async def test_stats_for_anyone_else_is_an_unknown_command(content, store, clock):
    assistant = Assistant(content, store, clock, BrainConfig(admin_user_ids=frozenset({ADMIN})))
    unknown = await assistant.reply(VISITOR, "/nosuchcommand")
    stats = await assistant.reply(VISITOR, "/stats")
    assert stats == unknown
    assert "Users:" not in stats.text
