"""Goals asked for by the names people use for the body part, not the programme's names."""

from __future__ import annotations


async def test_english_lay_names_reach_the_goal(assistant):
    for user, (message, goal) in enumerate(
        [
            ("give me exercises for my belly", "core"),
            ("exercises for my backside please", "glutes"),
        ],
        start=1,
    ):
        reply = await assistant.reply(user, message)
        assert (reply.kind, reply.id) == ("exercises", goal), (message, reply.kind)


async def test_norwegian_lay_names_reach_the_goal(bilingual):
    reply = await bilingual.reply(3, "øvelser for å ta vare på ryggen", language_code="nb")
    assert (reply.kind, reply.id) == ("exercises", "prevention")
