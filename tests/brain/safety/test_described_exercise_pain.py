"""Pain in an exercise told by its movement, not its name, keeps the safety path: the words
that describe an exercise for the matcher must not turn a pain report into its card."""

from __future__ import annotations


async def test_pain_down_the_leg_in_a_described_exercise_gets_the_stop_advice(assistant):
    reply = await assistant.reply(
        1, "lying on my back pulling my knee to my chest gives me pain down my leg"
    )
    assert reply.kind == "safety" and reply.severity == "stop", (reply.kind, reply.id)


async def test_back_pain_in_a_described_exercise_gets_pain_advice_not_the_card(assistant):
    for user, message in enumerate(
        [
            "it hurts my back when I lie down and push my hips up off the floor",
            "on my hands and knees arching my back like a cat it really hurts",
        ],
        start=2,
    ):
        reply = await assistant.reply(user, message)
        assert reply.kind == "safety" and reply.severity is not None, (message, reply.kind)


async def test_norwegian_pain_in_a_described_exercise_gets_the_check_not_the_card(bilingual):
    # The screen misses this pain wording; before exercises were described it fell through to
    # the safety net's check, and it still must, not to the bird-dog's card.
    reply = await bilingual.reply(
        5,
        "au, det gjør skikkelig vondt når jeg er på alle fire og strekker armen fram og beinet "
        "bakover",
        language_code="nb",
    )
    assert reply.kind != "exercise", reply.id
    assert reply.severity is not None or any(
        a.name in ("screen_yes", "safety_yes") for a in reply.actions()
    )


async def test_pain_in_an_exercise_named_by_a_short_alias_gets_the_check_not_the_card(assistant):
    # "opposite leg" is one of the bird-dog's aliases: the message names it, the screen finds
    # no pain rule in it, and the described movement must still not turn it into the card.
    reply = await assistant.reply(
        9,
        "it hurts when I'm on all fours reaching out my arm and the opposite leg "
        "during the exercise",
    )
    assert reply.kind != "exercise", reply.id
    assert reply.severity is not None or any(
        a.name in ("screen_yes", "safety_yes") for a in reply.actions()
    )
