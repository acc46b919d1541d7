"""When a free-text message is answered, offered buttons, or told honestly there is no answer."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "message",
    [
        "give me a plan to make my core stronger",
        "train my core, what have you got",
        "some moves to build up my glutes please",
    ],
)
async def test_asking_for_exercises_gets_the_goal_not_buttons_with_its_why(assistant, message):
    # The goal and its "why does it matter" entry score almost the same; the message asks for
    # exercises, and the goal's card says why the goal matters as well.
    reply = await assistant.reply(1, message)
    assert reply.kind == "exercises", (reply.kind, reply.suggestions)


async def test_asking_for_exercises_in_norwegian_gets_the_goal(bilingual):
    reply = await bilingual.reply(2, "trenger et treningsprogram for rumpa", language_code="nb")
    assert (reply.kind, reply.id) == ("exercises", "glutes")


async def test_a_why_question_said_almost_word_for_word_still_gets_its_answer(assistant):
    reply = await assistant.reply(3, "why does my core matter for my back")
    assert (reply.kind, reply.id) == ("faq", "why_core")


async def test_a_question_close_to_an_entry_and_a_goal_still_asks_which(assistant):
    # "Do I need to stretch?" is the flexibility entry nearly word for word, and the flexibility
    # goal too: neither is a request for exercises, so the user chooses.
    reply = await assistant.reply(4, "do I really need to stretch?")
    assert reply.kind != "exercises"


async def test_a_clear_leader_named_by_words_and_letters_is_answered(assistant):
    # Modest score (long, with words the entry does not use), but far ahead of anything else.
    reply = await assistant.reply(
        5, "does the app have film clips that show each move, reading is hard for me"
    )
    assert (reply.kind, reply.id) == ("faq", "videos")


@pytest.mark.parametrize(
    "message", ["what's the oldest bridge in Norway", "how far can a bird fly in one day"]
)
async def test_an_exercise_name_in_an_off_topic_question_is_not_answered(assistant, message):
    reply = await assistant.reply(6, message)
    assert reply.kind in ("clarify", "fallback")
