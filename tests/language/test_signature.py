"""A name signed after the last sentence is not part of the question: "... Edith" is no "edit"."""

from __future__ import annotations

import pytest

from bot.language.signature import without_signature

CLOSINGS = ["regards", "kind regards", "yours faithfully", "thanks", "vennlig hilsen", "mvh"]
COMMON = {"bird", "dog", "plank", "please", "help"}


def strip(text: str) -> str:
    return without_signature(text, CLOSINGS, COMMON.__contains__)


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("How often should I train? Kind regards, Margaret Hollis", "How often should I train?"),
        ("I am 79. Yours faithfully, Bernard", "I am 79."),
        ("Thank you for the exercises. Edith", "Thank you for the exercises."),
        ("Hvor ofte bør jeg trene? Vennlig hilsen Ingrid Haugen", "Hvor ofte bør jeg trene?"),
        ("Takk for svar.\nMvh Per", "Takk for svar.\n"),
        ("Is this normal?\n- Tom", "Is this normal?\n"),
    ],
)
def test_a_signature_is_left_out(text, left):
    assert strip(text) == left


@pytest.mark.parametrize(
    "text",
    [
        "Edith",  # nothing but the name: nothing to leave it out of
        "How do I do it. Bird Dog",  # words of the language, an exercise's name
        "How do I do it. Plank please",
        "Is it ok to train? my husband Tom says no",  # not capitalised names alone
        "What about this. Kind regards to your team and thank you",  # more than names follow
    ],
)
def test_anything_else_is_kept(text):
    assert strip(text) == text


async def test_a_signed_name_that_looks_like_a_command_does_not_run_it(bilingual):
    reply = await bilingual.reply(92, "Thank you for the exercises. Edith")
    assert reply.command is None
    signed = await bilingual.reply(93, "Good afternoon. How often should I do the exercises? Edith")
    assert (signed.kind, signed.id) == ("faq", "how_often")
