"""Norwegian letters folded for typing without æ, ø and å must not turn everyday words into
symptoms: «øm» (sore) folds to "om" (about), «støl» (stiff) to "stol" (chair). A question about
reminders or a chair gets no soreness advice; sore muscles said in a longer phrase still do.
The same for other Norwegian words read too widely: «bra» (good, and «brå» typed without å) is no
sudden pain, and «nedover» alone (a hip sagging in the plank) is no pain down a leg."""

from __future__ import annotations

import pytest

SORENESS_TITLE = "Litt støl etter nye øvelser er vanlig"


@pytest.mark.parametrize(
    "text",
    [
        "kan jeg få påminnelser om trening på kvelden?",
        "hvilken stol er best å sitte på etter treningen?",
        "jeg er stolt av treningen min denne uka",
    ],
)
async def test_everyday_words_get_no_soreness_advice(bilingual, text):
    reply = await bilingual.reply(70, text, language_code="nb")
    assert reply.severity != "soreness"
    assert SORENESS_TITLE not in reply.text


async def test_sore_muscles_in_a_longer_phrase_still_get_it(bilingual):
    reply = await bilingual.reply(71, "har ømme muskler etter treningen i går", language_code="nb")
    assert reply.severity == "soreness"


async def test_good_for_the_stomach_is_no_aorta_emergency(bilingual):
    # «brå» (sudden) folds to «bra» (good) when typed without å: the aorta rule reads it only
    # in a phrase.
    reply = await bilingual.reply(72, "hvilke øvelser er bra for magen", language_code="nb")
    assert reply.severity not in ("emergency", "crisis", "urgent")
    assert "113" not in reply.text


async def test_sudden_pain_through_to_the_stomach_still_alarms(bilingual):
    text = "brå smerte i ryggen som gikk rett inn i magen"
    reply = await bilingual.reply(73, text, language_code="nb")
    assert reply.severity == "emergency"
    assert "113" in reply.text.splitlines()[0]


async def test_a_hip_sagging_in_the_plank_is_form_not_a_leg_symptom(bilingual):
    text = "hvordan holder jeg planken rett? jeg tror rumpa mi henger nedover"
    reply = await bilingual.reply(74, text, language_code="nb")
    assert reply.severity != "stop"
    assert reply.kind == "exercise"


async def test_pain_down_one_leg_in_an_exercise_still_stops_it(bilingual):
    text = "når jeg gjør broa får jeg smerter ned i venstre bein"
    reply = await bilingual.reply(75, text, language_code="nb")
    assert reply.severity == "stop"
