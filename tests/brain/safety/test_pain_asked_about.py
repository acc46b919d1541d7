"""Pain asked about as a condition ("should I stop if the plank hurts?") is answered like any
question; pain reported ("it hurts when I do the plank") keeps its stop advice. Both languages."""

from __future__ import annotations

import pytest

NORWEGIAN_USER = 77


def nothing_says_stop_this_exercise(reply) -> bool:
    return all(part.severity != "stop" for part in (reply, *reply.extra))


@pytest.mark.parametrize(
    ("message", "entry"),
    [
        ("how often should I work out when my back is hurting?", "how_often"),
        ("what should i do if the side plank starts to hurt, keep going?", "pain_during"),
        # "a little" asks how much pain is fine: the 0-10 rule of thumb answers it best.
        ("can i still do my routine even if my back hurts a little", "pain_scale"),
    ],
)
async def test_pain_asked_about_gets_the_answer_not_stop_advice(assistant, message, entry):
    reply = await assistant.reply(21, message)
    assert (reply.kind, reply.id) == ("faq", entry)
    assert nothing_says_stop_this_exercise(reply)


@pytest.mark.parametrize(
    "message",
    [
        "it hurts when I do the plank, should I stop?",
        "the bridge hurt my back this morning, should i keep doing it?",
    ],
)
async def test_pain_reported_beside_a_question_keeps_its_stop_advice(assistant, message):
    reply = await assistant.reply(22, message)
    assert reply.severity == "stop"


async def test_a_red_flag_in_a_pain_question_still_alarms(assistant):
    reply = await assistant.reply(
        23, "should i keep exercising if my back hurts? since yesterday i cant hold my pee"
    )
    assert reply.severity == "emergency"


@pytest.mark.parametrize(
    ("message", "entry"),
    [
        ("hvor mange ganger i uka bør jeg trene hvis ryggen verker?", "how_often"),
        ("hva om planken gjør vondt, skal jeg fortsette da?", "pain_during"),
        ("er det greit å gjøre øvelsene selv om jeg har litt vondt i ryggen", "pain_scale"),
    ],
)
async def test_norwegian_pain_asked_about_gets_the_norwegian_answer(bilingual, message, entry):
    reply = await bilingual.reply(NORWEGIAN_USER, message, NORWEGIAN_USER, language_code="nb")
    assert (reply.kind, reply.id, reply.language) == ("faq", entry, "nb")
    assert nothing_says_stop_this_exercise(reply)


async def test_norwegian_pain_reported_keeps_its_stop_advice(bilingual):
    reply = await bilingual.reply(
        NORWEGIAN_USER,
        "det gjør vondt når jeg tar broen, bør jeg slutte?",
        NORWEGIAN_USER,
        language_code="nb",
    )
    assert reply.severity == "stop"
