"""Red flags in the user's own words, in English and Norwegian (sentences written for this
test): what the user sees is the alarm, or, for an event that is over, no alarm."""

from __future__ import annotations

import pytest

from bot.evaluation.blind import safety_outcome


@pytest.mark.parametrize(
    ("lang", "text", "tier"),
    [
        # new back pain over fifty, told by how it began
        ("en", "i'm 61 and this back pain is new, started a fortnight ago for no reason", "urgent"),
        (
            "en",
            "sixty two years old and my back started hurting last month with no injury",
            "urgent",
        ),
        ("nb", "jeg er 61 og har fått vondt i ryggen helt uten grunn for to uker siden", "urgent"),
        ("nb", "er 66 og har fått nye ryggsmerter uten noen skade", "urgent"),
        # someone else's red flag going on now, told in the present tense
        ("en", "my husband can't feel his legs and he's peed himself", "emergency"),
        ("en", "my daughter is 11 and her back hurts at night, it's been weeks", "urgent"),
        ("nb", "mannen min kjenner ikke beina og har tisset på seg", "emergency"),
        ("nb", "datteren min på 12 våkner om natta av vondt i ryggen", "urgent"),
        # weakness in both legs, in Bokmål and Nynorsk
        ("nb", "begge beina har blitt svake og ustøe", "emergency"),
        ("nb", "båe beina mine er nummne og svake", "emergency"),
    ],
)
async def test_a_red_flag_in_own_words_raises_its_alarm(bilingual, lang, text, tier):
    reply = await bilingual.reply(900, text, language_code=lang)
    assert reply.severity == tier


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "had a fever last week but it's gone and my back is only a bit stiff"),
        ("en", "I'm 55 and never had back pain, which exercises keep it that way?"),
        ("nb", "falt av sykkelen for to år siden, men ryggen er fin nå"),
        ("nb", "beina er svake etter beindag på gymmen lol"),
        ("nb", "jeg er 62 og vil begynne med rolige ryggøvelser"),
    ],
)
async def test_over_or_harmless_raises_no_alarm(bilingual, lang, text):
    reply = await bilingual.reply(901, text, language_code=lang)
    assert reply.severity not in ("emergency", "urgent", "crisis")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "it feels odd when i sit down, kind of dead around my seat"),
        ("nb", "det kjennes dødt når jeg sitter"),
    ],
)
async def test_the_body_in_vague_words_gets_the_screening_check(bilingual, lang, text):
    tier, screening = safety_outcome(await bilingual.reply(902, text, language_code=lang))
    assert tier in ("emergency", "urgent") or screening


async def test_lost_balance_in_nynorsk_is_an_emergency(bilingual):
    reply = await bilingual.reply(
        903, "mista balansen mykje og har vondt i ryggen", language_code="nb"
    )
    assert reply.severity == "emergency"
