"""Crisis told by combining ideas in words no phrase lists (issue 11, Norwegian half in 14):
someone else's plan in "himself" words, a future one does not expect to reach, no longer able to
live, an overdose told in a learner's present tense, belongings given away, and in Norwegian an
overdose taken and self-harm. A farewell is asked about directly (the check-in). The sentences
are written for this test."""

from __future__ import annotations

import pytest

from bot.language.dialect import speaking


@pytest.mark.parametrize(
    "text",
    [
        "i gave my guitar to my nephew today. i will not need it after",
        "my brother rang me drunk saying he is going to off himself, his back has wrecked him",
        "i honestly dont think i will make it to 30 with this spine",
        "i just cannot live like this any longer with my back",
        "i take so many tablets now, like 25 of them, because i cannot bear it",
    ],
)
def test_english_crisis_in_combined_words(triage, text):
    assert triage.assess(text).tier == "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "har svelget en hel eske med paracet i kveld",
        "jeg tok alle pillene som var igjen. orker ikke mer",
        "jeg kutter meg selv igjen for å kjenne noe annet enn smerten",
        "naboen min sa han skal ta livet av seg i natt",
    ],
)
def test_norwegian_crisis_in_combined_words(norwegian, text):
    assert norwegian.assess(text).tier == "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "goodbye for now, see you tomorrow for the next session",
        "goodbye back pain! thanks for everything, I feel great",
        "i took a lot of painkillers over the years and nothing helped",
        "dont think i will make it to the gym this week",
        "I take many painkillers now for my back, is that normal?",
    ],
)
def test_english_look_alikes_are_not_crises(triage, text):
    assert triage.assess(text).tier != "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "takk for alt, snakkes i morgen",
        "jeg har tatt mange smertestillende i det siste uten effekt",
        "jeg kuttet meg i fingeren på kjøkkenet",
    ],
)
def test_norwegian_look_alikes_are_not_crises(norwegian, text):
    assert norwegian.assess(text).tier != "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "so this is goodbye. thank you for everything you did for my back",
        "wanted to say goodbye before i go. you will not hear from me after tonight",
    ],
)
def test_an_english_farewell_gets_the_direct_question_not_a_verdict(triage, text):
    """A goodbye can be a warning sign or a user leaving the programme: ask, line first."""
    assert triage.assess(text).tier != "crisis"
    assert triage.crisis.check_in(text) is not None


def test_a_norwegian_farewell_gets_the_direct_question_not_a_verdict(norwegian):
    text = "dette er farvel. takk for alt dere har gjort"
    assert norwegian.assess(text).tier != "crisis"
    with speaking(norwegian.dialect):
        assert norwegian.triage.crisis.check_in(text) is not None
