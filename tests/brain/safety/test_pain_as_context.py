"""Everyday pain told as the background of a question: the question is answered, the pain
advice follows; pain outside an exercise never gets "stop this exercise"."""

from __future__ import annotations

import pytest


def text_of(reply) -> str:
    return " ".join(block.text for block in reply.blocks if getattr(block, "text", None))


async def test_question_after_everyday_pain_is_answered_first(assistant):
    reply = await assistant.reply(
        1, "I hurt my back moving house last week and it still aches. Should I use heat or ice?"
    )
    assert (reply.kind, reply.id) == ("faq", "heat_or_ice")
    advice = [part for part in reply.extra if part.kind == "safety"]
    assert [part.severity for part in advice] == ["daily_pain"]


async def test_leg_pain_asked_about_gets_the_answer_not_stop_advice(assistant):
    reply = await assistant.reply(
        1, "I get a pain shooting down my leg to my foot, is that sciatica"
    )
    assert (reply.kind, reply.id) == ("faq", "sciatica")
    for part in (reply, *reply.extra):
        assert part.severity != "stop"
        assert "this exercise" not in text_of(part).lower()


async def test_pain_in_a_named_exercise_still_gets_stop_advice_first(assistant):
    reply = await assistant.reply(1, "sharp pain in my back during the bridge, what should I do?")
    assert reply.severity == "stop"


async def test_pain_report_without_a_question_still_gets_advice_alone(assistant):
    reply = await assistant.reply(1, "my back is killing me since I lifted a box yesterday")
    assert (reply.kind, reply.severity) == ("safety", "daily_pain")


@pytest.mark.parametrize(
    "message",
    [
        "Is better to put hot or cold on my sore back?",
        "My scan showed wear and tear in my lower spine, what would a physio do?",
        "I use a heat pad every night because it feels nice, is that ok?",
    ],
)
async def test_everyday_words_are_not_red_flags(assistant, message):
    reply = await assistant.reply(1, message)
    for part in (reply, *reply.extra):
        assert part.severity not in ("crisis", "emergency", "urgent"), message
