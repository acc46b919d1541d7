"""Small talk made of several pieces gets the small-talk reply, not "Sorry, I don't have a good
answer"; a question after a greeting still gets its answer."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("language", "text", "category"),
    [
        ("en", "thanks for everything, bye", "goodbye"),
        ("en", "ok thanks see you", "goodbye"),
        ("en", "Thanks for your help!", "thanks"),
        ("en", "hi there, good morning", "greeting"),
        ("nb", "takk for alt, ha det", "goodbye"),
        ("nb", "tusen takk for hjelpen", "thanks"),
    ],
)
async def test_several_pieces_of_small_talk(bilingual, language, text, category):
    reply = await bilingual.reply(90, text, language_code=language)
    assert (reply.kind, reply.id) == ("smalltalk", category)


async def test_a_question_after_a_greeting_is_answered(bilingual):
    reply = await bilingual.reply(91, "hi, how do I do a plank")
    assert reply.kind != "smalltalk"
