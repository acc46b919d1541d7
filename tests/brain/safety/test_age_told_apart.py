"""An age told sentences away from the pain is still read with it: under 20 or over 50, new or
unsettling pain, felt now, means a doctor within a day. Age alone, age with pain denied, or
someone else's age, does not (clinical.md: age alone must not alarm)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "I'm 71. Never had trouble with my back. Since the start of the month it aches daily.",
            "en",
        ),
        ("im 16 and my lower back has hurt for about three months now", "en"),
        ("Jeg fylte 69 i høst. Aldri hatt ryggtrøbbel. Nå verker korsryggen hver dag.", "nb"),
    ],
)
async def test_age_and_new_pain_apart_get_a_doctor_today(bilingual, text, language):
    reply = await bilingual.reply(51, text, language_code=language)
    assert reply.severity == "urgent"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I'm 70 and have never had back pain, I just want to stay fit", "en"),
        ("My dad is 80 and never had back pain, now it aches all the time", "en"),
        ("I'm 55. My back is sore after gardening yesterday.", "en"),
        ("jeg er 72 og har ikke vondt, bare vil holde meg i form", "nb"),
    ],
)
async def test_age_without_new_pain_of_ones_own_raises_no_alarm(bilingual, text, language):
    reply = await bilingual.reply(52, text, language_code=language)
    assert reply.severity not in ("emergency", "urgent", "crisis")
