"""The crisis check-in: a near miss gets the crisis line first and one direct question; the
answer, pressed or typed, decides what comes next."""

from __future__ import annotations

import pytest

from bot.model.reply import Action


async def _london(store, clock, user_id: int) -> None:
    state = await store.users.load(user_id, 0)
    state.timezone = "Europe/London"
    await store.users.save(state, clock.now())


async def test_a_near_miss_shows_the_line_first_and_asks_directly(assistant, store, clock):
    await _london(store, clock, 40)
    reply = await assistant.reply(40, "honestly what is the point anymore")
    assert reply.severity is None
    assert "116 123" in reply.text.splitlines()[0]
    assert "ending your life" in reply.text
    assert {a.name for a in reply.actions()} >= {"crisis_yes", "crisis_no", "crisis_unsure"}
    assert await store.escalations.by_tier() == {}


@pytest.mark.parametrize("answer", ["crisis_yes", "crisis_unsure"])
async def test_yes_or_not_sure_gets_the_crisis_reply(assistant, store, answer):
    await assistant.reply(41, "I cant go on")
    reply = await assistant.press(41, Action(answer))
    assert reply.severity == "crisis"
    assert not reply.buttons
    assert await store.escalations.by_tier() == {"crisis": 1}


async def test_no_gets_a_warm_word_and_the_line_stays_on_offer(assistant, store):
    await assistant.reply(42, "I cant go on")
    reply = await assistant.press(42, Action("crisis_no"))
    assert reply.severity is None
    assert "day and night" in reply.text or "crisis line" in reply.text
    assert await store.escalations.by_tier() == {}


@pytest.mark.parametrize(
    ("typed", "crisis"),
    [
        ("yeah sometimes", True),
        ("i dont know", True),
        ("no... well some nights", True),
        ("what do you care", True),
        ("no", False),
        ("no im ok, just fed up with the pain", False),
        ("nope not like that", False),
    ],
)
async def test_a_typed_answer_counts_too_and_unclear_leans_towards_care(assistant, typed, crisis):
    await assistant.reply(43, "no point anymore")
    reply = await assistant.reply(43, typed)
    assert (reply.severity == "crisis") is crisis


async def test_a_clear_statement_in_the_answer_is_a_crisis_at_once(assistant):
    await assistant.reply(44, "I cant go on")
    reply = await assistant.reply(44, "no, I want to kill myself")
    assert reply.severity == "crisis"


async def test_after_no_the_conversation_carries_on(assistant):
    await assistant.reply(45, "I cant go on")
    await assistant.reply(45, "no")
    reply = await assistant.reply(45, "how do i do a plank")
    assert reply.kind in ("exercise", "faq")
