"""Norwegian puts the verb before its subject after a word put first ("nå får hun ikke tisset",
"i dag kjenner jeg ikke beina"): the red flag is read all the same, for the user and for
someone else now. English loanwords and pain that grows with each repetition are exercise pain."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "i dag får jeg ikke tisset, og ryggen verker",
        "siden i går kveld kjenner jeg ikke beina mine ordentlig, noen av dem",
    ],
)
async def test_a_red_flag_after_a_fronted_word_is_an_emergency(bilingual, text):
    reply = await bilingual.reply(61, text, language_code="nb")
    assert reply.severity == "emergency"
    assert "113" in reply.text.splitlines()[0]


async def test_someone_elses_red_flag_now_in_inverted_order_says_call_for_them(bilingual):
    text = "Samboeren min har hatt vondt i ryggen lenge, og nå får hun ikke tisset. Hva gjør vi?"
    reply = await bilingual.reply(62, text, language_code="nb")
    assert reply.severity == "emergency"
    assert "113" in reply.text.splitlines()[0]


async def test_a_denial_after_a_fronted_word_stays_calm(bilingual):
    reply = await bilingual.reply(
        63, "i dag har jeg ikke vondt i ryggen i det hele tatt", language_code="nb"
    )
    assert reply.severity not in ("emergency", "urgent", "crisis")


async def test_an_english_pain_word_in_a_norwegian_exercise_gets_stop_advice(bilingual):
    reply = await bilingual.reply(
        64, "under broen kom det en stabbing pain i korsryggen", language_code="nb"
    )
    assert reply.severity == "stop"


async def test_pain_growing_with_each_repetition_is_stop_not_urgent(bilingual):
    text = "jeg gjør øvelsene nå, og det gjør mer og mer vondt for hver repetisjon"
    reply = await bilingual.reply(65, text, language_code="nb")
    assert reply.severity == "stop"


async def test_fever_with_paresis_in_both_legs_is_an_emergency(bilingual):
    reply = await bilingual.reply(
        66, "feber og økende parese i begge bein siden i går", language_code="nb"
    )
    assert reply.severity == "emergency"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("vondt i ryggen for ei uke siden, men nå er det helt borte", "nb"),
        ("my back was sore on Monday but it's fine now", "en"),
    ],
)
async def test_everyday_pain_told_as_over_gets_no_pain_advice(bilingual, text, language):
    reply = await bilingual.reply(67, text, language_code=language)
    assert reply.severity is None


async def test_pain_not_better_keeps_its_advice(bilingual):
    reply = await bilingual.reply(68, "my back has ached for days and it's no better now")
    assert reply.severity == "daily_pain"
