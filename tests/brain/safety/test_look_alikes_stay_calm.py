"""Look-alikes a user should never see an alarm for: an injury told as long over and mended,
a relative's death from cancer, heat pads, a question about how much pain is fine, a request
to switch language. Each keeps the real report beside it alarmed."""

from __future__ import annotations

import pytest

from bot.language.triage.triage import Triage

ALARMS = ("crisis", "emergency", "urgent")


@pytest.mark.parametrize(
    "text",
    [
        "Years back I was thrown off a horse and hurt my back, but it mended fully.",
        "when i was nine i fell off the swings and cracked a vertebra, all fixed now, im 40",
        "The fever's long gone and the back is fine now.",
        "Three years ago a kidney infection gave me a fever and back pain; antibiotics sorted it "
        "out and all is good now.",
    ],
)
def test_an_event_told_as_over_and_mended_is_asked_about_not_alarmed(content, text):
    assert Triage(content.safety).assess(text).tier not in ALARMS


@pytest.mark.parametrize(
    "text",
    [
        "I fell off my bike this morning and my back is in agony",
        "when i was lifting the box i fell off the ladder, back in agony",
    ],
)
def test_an_injury_happening_now_still_alarms(content, text):
    assert Triage(content.safety).assess(text).tier == "emergency"


async def test_a_relatives_death_from_cancer_is_not_the_users_history(assistant):
    reply = await assistant.reply(81, "my grandma died of cancer, so I look after my health now")
    assert reply.severity not in ALARMS
    own = await assistant.reply(82, "had bowel cancer two years ago and now my back aches")
    assert own.severity == "urgent"


async def test_heat_pads_are_not_incontinence_pads(assistant):
    reply = await assistant.reply(83, "heat pads or a cold pack for a stiff back?")
    assert reply.kind == "faq"
    assert not {a.name for a in reply.actions()} & {"screen_yes", "safety_yes"}


async def test_asking_how_much_pain_is_fine_gets_the_pain_rules_not_stop_advice(assistant):
    reply = await assistant.reply(84, "how much pain is alright while I'm training?")
    assert reply.kind == "faq"
    assert reply.severity != "stop"
    hurt = await assistant.reply(85, "the bridge hurts my lower back every rep")
    assert hurt.severity == "stop"


async def test_asking_to_switch_language_in_norwegian_asks_no_safety_question(bilingual):
    reply = await bilingual.reply(86, "bytt språk", language_code="nb")
    assert reply.kind == "command"
    assert not {a.name for a in reply.actions()} & {"screen_yes", "safety_yes"}


@pytest.mark.parametrize(
    "text",
    [
        "I went down your list of warning signs (numb saddle area, bladder trouble, fever, weight "
        "loss) and I don't have a single one. Which exercise first?",
        "The GP asked about numbness, my bladder, fevers and weight. The answer was no to every "
        "one of them.",
        "My nephew watches a show about lifeguards. Every episode somebody gets dragged out and "
        "cannot feel their legs.",
        "My husband teases that I'll lose control of my bladder one of these days from laughing. "
        "Nothing like that has happened.",
        "My aunt has sciatica. What are the actual symptoms that mean she needs A&E? She is fine, "
        "I just want to be prepared.",
    ],
)
async def test_denied_lists_fiction_warnings_and_questions_raise_no_alarm(assistant, text):
    reply = await assistant.reply(87, text)
    assert reply.severity not in ALARMS


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Helping my sister move flat on Saturday. I'd like to avoid hurting myself, "
            "any lifting tips?",
            "en",
        ),
        ("how do i carry the shopping so i avoid hurting myself", "en"),
        ("jeg vil gjerne unngå å skade meg når jeg bærer flyttekasser", "nb"),
    ],
)
async def test_wanting_to_avoid_an_injury_is_no_crisis(bilingual, text, language):
    reply = await bilingual.reply(81, text, language_code=language)
    assert reply.severity != "crisis"
    assert "116 123" not in reply.text


async def test_wanting_to_hurt_oneself_is_still_a_crisis(bilingual):
    reply = await bilingual.reply(82, "some nights i want to hurt myself", language_code="en")
    assert reply.severity == "crisis"
