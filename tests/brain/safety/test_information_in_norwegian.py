"""A general question about warning signs from someone who says they are well gets the
information in Norwegian too, not the alarm; the same sign told as one's own still alarms
(sentences written for this test)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Jeg skriver en skoleoppgave om cauda equina. Hva er faresignalene? Jeg har selv ingen "
        "smerter, dette er bare til oppgaven.",
        "Hva betyr det egentlig når man blir nummen i skrittet? Bare nysgjerrig, jeg har det fint.",
    ],
)
async def test_a_general_question_from_someone_well_gets_information(bilingual, text):
    reply = await bilingual.reply(70, text, language_code="nb")
    assert reply.severity is None
    assert "varseltegn" in reply.text


async def test_the_same_sign_told_as_ones_own_still_alarms(bilingual):
    reply = await bilingual.reply(
        71, "Jeg får ikke kontroll over blæren, kan du forklare hva det er?", language_code="nb"
    )
    assert reply.severity == "emergency"
    assert "113" in reply.text.splitlines()[0]


async def test_an_english_question_for_an_essay_gets_information(bilingual):
    reply = await bilingual.reply(
        72,
        "For my essay: can you explain what numbness in the saddle area means? I have no symptoms.",
    )
    assert reply.severity is None
