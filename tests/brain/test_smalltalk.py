"""Small talk made of several pieces gets the small-talk reply, not "Sorry, I don't have a good
answer"; a question after a greeting still gets its answer."""

from __future__ import annotations

import pytest

from bot.brain.assistant import Assistant


@pytest.fixture
def assistant(library, store, clock, config) -> Assistant:
    return Assistant(library, store, clock, config)


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
async def test_several_pieces_of_small_talk(assistant, language, text, category):
    reply = await assistant.reply(90, text, language_code=language)
    assert (reply.kind, reply.id) == ("smalltalk", category)


async def test_a_question_after_a_greeting_is_answered(assistant):
    reply = await assistant.reply(91, "hi, how do I do a plank")
    assert reply.kind != "smalltalk"
