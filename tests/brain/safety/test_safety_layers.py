"""The safety screen's layers: crisis tier, both kinds of pain, who and when, the second
detector, the screening conversation, the safety net and the unknown-language line."""

from __future__ import annotations

import pytest

from bot.language.triage.neighbours import Neighbours
from bot.language.triage.triage import Triage
from bot.model.reply import Action
from bot.model.tiers import HOLD_TIERS, TIERS


@pytest.fixture
def triage(content) -> Triage:
    return Triage(content.safety)


async def _set_timezone(store, clock, user_id: int, timezone: str) -> None:
    state = await store.users.load(user_id, 0)
    state.timezone = timezone
    await store.users.save(state, clock.now())


def test_crisis_is_the_highest_tier_and_holds():
    assert TIERS[0] == "crisis" and HOLD_TIERS[0] == "crisis"
    assert "daily_pain" in TIERS and "daily_pain" not in HOLD_TIERS


@pytest.mark.parametrize(
    "text",
    [
        "I want to end my life. The pain is too much.",
        "wanna kms fr this pain never ends",
        "honestly i think everyone would be better off without me",
        "ngl been cutting again bc of my back",
        "took an overdose of my pills an hour ago",
        "Plank is going fine. Most nights I think it would be simpler if I just did not exist. "
        "Anyway, side plank next?",
        "I keep thinking about sucide because of this back",
    ],
)
def test_crisis_said_directly_indirectly_with_typos_or_in_a_paragraph(triage, text):
    assert triage.assess(text).tier == "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "this plank is killing me lol",
        "dead tired after work, quick routine?",
        "I could kill for a coffee after those bridges",
        "I have never had thoughts of suicide, just a stiff back",
    ],
)
def test_figures_of_speech_and_denials_are_not_crises(triage, text):
    assert triage.assess(text).tier != "crisis"


async def test_crisis_reply_leads_with_the_countrys_crisis_line(assistant, store, clock, content):
    await _set_timezone(store, clock, 7, "Europe/London")
    reply = await assistant.reply(7, "i cant keep living like this, i want to die")
    assert reply.severity == "crisis"
    first_line = reply.text.splitlines()[0]
    assert "116 123" in first_line and "999" in first_line
    assert reply.kind == "safety" and not reply.buttons
    for product in content.products.values():
        assert product.name not in reply.text
    assert await store.escalations.by_tier() == {"crisis": 1}


async def test_crisis_line_by_country_and_fallback(assistant, store, clock):
    await _set_timezone(store, clock, 8, "America/New_York")
    us = await assistant.reply(8, "I want to kill myself")
    assert "988" in us.text.splitlines()[0] and "911" in us.text.splitlines()[0]
    await _set_timezone(store, clock, 9, "Asia/Tokyo")
    other = await assistant.reply(9, "I want to kill myself")
    assert "crisis line" in other.text.splitlines()[0]


async def test_someone_elses_crisis_now_tells_the_user_to_call_for_them(assistant):
    reply = await assistant.reply(
        10, "my wife just told me she took a handful of her oxycodone, what do i do"
    )
    assert reply.severity == "crisis"
    assert "for them" in reply.text.splitlines()[0]


async def test_daily_pain_gets_its_own_advice_without_talk_of_an_exercise(assistant):
    reply = await assistant.reply(11, "my back is killing me since I lifted a box on saturday")
    assert reply.severity == "daily_pain"
    assert "exercise" not in reply.text.splitlines()[0].lower()
    assert "easier variation" not in reply.text


async def test_pain_in_an_exercise_asked_as_a_question_gets_the_answer_to_stop(assistant):
    reply = await assistant.reply(12, "is it ok to keep going if the bridge hurts my back?")
    assert (reply.kind, reply.id) == ("faq", "pain_during")
    assert "stop" in reply.text.lower()


async def test_someone_elses_emergency_now_alarms_with_call_for_them_first(assistant):
    reply = await assistant.reply(
        13, "my dad just fell off the roof onto his back and he cannot move his legs"
    )
    assert reply.severity == "emergency"
    assert "for them" in reply.text.splitlines()[0]


async def test_someone_elses_past_event_raises_no_alarm(assistant):
    reply = await assistant.reply(
        14, "my brother had a car accident in 2018, now he is fine and wants to start exercising"
    )
    assert reply.severity is None


async def test_resolved_and_informational_messages_raise_no_alarm(assistant):
    over = await assistant.reply(
        15, "Hx of UTI treated last month, fully resolved. Safe to resume glute bridges?"
    )
    info = await assistant.reply(16, "which symptoms point to cauda equina, in general?")
    assert over.severity is None and info.severity is None


def test_second_detector_finds_a_red_flag_no_phrase_lines_up_with(content):
    neighbours = Neighbours(content.safety.net)
    assert neighbours.nearest("my pants wer wet and i nevr noticed")[0][0] == "bladder_bowel"
    assert not neighbours.nearest("how do i do a plank")


async def test_second_detector_only_raises_to_a_question(assistant, triage):
    text = "my pants wer wet and i nevr noticed"
    reply = await assistant.reply(17, text)
    assert triage.assess(text).tier is None
    assert reply.severity is None
    assert any(a.name == "screen_yes" for a in reply.actions())


async def test_screening_asks_about_every_signal_before_reassuring(assistant, content):
    reply = await assistant.reply(18, "my legs feel strange today")
    asked = []
    while any(a.name == "screen_no" for a in reply.actions()):
        (no,) = [a for a in reply.actions() if a.name == "screen_no"]
        asked.append(no.arg)
        reply = await assistant.press(18, no)
    # The short check's questions at least (the learned screen may put the nearest emergency
    # sign's question first), each answered before any reassurance.
    assert set(content.safety.net.check) <= set(asked)
    assert "reassuring" in reply.text


async def test_a_yes_in_the_screening_conversation_escalates(assistant):
    reply = await assistant.reply(19, "my legs feel strange today")
    (no,) = [a for a in reply.actions() if a.name == "screen_no"]
    second = await assistant.press(19, no)
    assert "reassuring" not in second.text
    (yes,) = [a for a in second.actions() if a.name == "screen_yes"]
    alarm = await assistant.press(19, yes)
    assert alarm.severity in HOLD_TIERS
    assert (await assistant.press(19, Action("screen_no", "bladder_bowel"))).kind != "clarify"


async def test_unknown_language_gets_the_emergency_line_in_english_and_norwegian(assistant):
    reply = await assistant.reply(20, "Hola, tengo mucho dolor de espalda, qué puedo hacer")
    first_line = reply.text.splitlines()[0]
    assert "112" in first_line and "113" in first_line and "Ring" in first_line
    english = await assistant.reply(21, "what is the capital of France")
    assert "Ring 113" not in english.text


async def test_a_norwegian_red_flag_gets_113_first_and_the_check_until_norwegian_is_loaded(
    assistant,
):
    reply = await assistant.reply(31, "jeg får ikke kontroll over blæren og har vondt i ryggen")
    assert "113" in reply.blocks[0].text
    names = [action.name for action in reply.actions()]
    assert "screen_yes" in names or "safety_yes" in names, reply.text
    assert "bladder" in reply.text.lower()


async def test_an_english_message_about_the_body_gets_no_norwegian_line(assistant):
    reply = await assistant.reply(32, "my legs feel a bit funny and weird")
    assert "Nødsituasjon" not in reply.text


async def test_a_general_question_from_someone_well_gets_information_not_an_alarm(assistant):
    reply = await assistant.reply(
        60,
        "A friend's dad needed surgery for cauda equina. What are the symptoms to look out for? "
        "I'm fine myself, just curious.",
    )
    assert reply.severity is None
    assert "warning sign" in reply.text


async def test_the_same_symptoms_told_as_ones_own_still_alarm(assistant):
    reply = await assistant.reply(
        61, "I've wet myself twice today without noticing, what are the warning signs?"
    )
    assert reply.severity == "emergency"


async def test_chest_pain_with_sweating_is_an_emergency_even_at_the_gym(assistant):
    reply = await assistant.reply(
        62, "at the gym doing planks I got a crushing pain in my chest, I'm sweating and feel sick"
    )
    assert reply.severity == "emergency"


async def test_a_red_flag_told_as_over_still_gets_its_question(assistant):
    reply = await assistant.reply(
        63, "I had a melanoma removed four years ago, they said it was all clear. Planks ok?"
    )
    assert reply.severity is None
    assert any(a.name in ("screen_yes", "safety_yes") for a in reply.actions())
