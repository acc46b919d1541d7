"""Exercises asked for by their movement, by people who do not know the name."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("message", "exercise"),
    [
        (
            "how do I do the one where you sit on the floor and reach for your toes",
            "seated_forward_bend",
        ),
        ("what's the one where you lie face down and lift your arms into letters", "iyt_raise"),
    ],
)
async def test_an_exercise_described_by_its_movement_gets_its_card(assistant, message, exercise):
    reply = await assistant.reply(1, message)
    assert (reply.kind, reply.id) == ("exercise", exercise)


async def test_a_norwegian_description_of_the_movement_gets_the_card(bilingual):
    reply = await bilingual.reply(
        2, "vis meg den der man ligger på ryggen og løfter hoftene", language_code="nb"
    )
    assert (reply.kind, reply.id) == ("exercise", "glute_bridge")
