"""Red flags and false alarms in words the rules were not first written for (issue 11): a
cancer known by its treatment, weight loss told by clothes and rings, ages, a list answered
no, pets, fiction, teaching questions, events long over, and English typos read as English.
The sentences are written for this test, in English and Norwegian."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("finished my kemo two years ago and now my lower back aches every day", "cancer_history"),
        ("he had prostate surgery and hormone jabs, now his back hurts", "cancer_history"),
        (
            "had radiotherapy ages back, all clear since, but a new back ache started",
            "cancer_history",
        ),
        ("my wedding ring slides off and my back is sore", "weight_loss"),
        ("had to make a new hole in my belt and i am not dieting, back hurts", "weight_loss"),
        ("my back wakes me evry nite and nothing helps", "night_pain"),
        ("I'm fifty two and this severe back pain came out of nowhere", "age_new_severe"),
    ],
)
def test_english_red_flags_in_other_words(triage, text, rule):
    result = triage.assess(text)
    assert result.tier == "urgent" and rule in result.rule_ids


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("fikk kjemo for tre år siden og nå har jeg nye smerter i korsryggen", "cancer_history"),
        ("ringene glir av fingrene mine og ryggen verker", "weight_loss"),
        ("jeg er femtiseks og fikk plutselig sterke smerter i ryggen", "age_new_severe"),
    ],
)
def test_norwegian_red_flags_in_other_words(norwegian, text, rule):
    result = norwegian.assess(text)
    assert result.tier == "urgent" and rule in result.rule_ids


@pytest.mark.parametrize(
    "text",
    [
        "The physio asked about numbness, bladder trouble and weak legs. No to all of them.",
        "my dog keeps dragging his back legs and he cannot stand up now",
        "in the film the hero falls off a roof and loses the feeling in his legs, realistic?",
        "for a teaching session: which questions screen for cauda equina?",
        "I broke my back in a fall years ago, made a full recovery and now want to get fitter",
        "I nearly wet myself when the fire alarm went off, back is fine",
    ],
)
def test_english_look_alikes_raise_no_alarm(triage, text):
    result = triage.assess(text)
    assert result.tier not in ("emergency", "urgent") or result.about_other


@pytest.mark.parametrize(
    "text",
    [
        "Legen spurte om nummenhet, feber og vekttap. Nei til alle tre.",
        "hunden min sleper bakbeina og klarer ikke reise seg nå",
        "i romanen faller hovedpersonen ned og mister følelsen i beina",
        "jeg brakk ryggen i en ulykke for mange år siden, er helt grodd nå",
    ],
)
def test_norwegian_look_alikes_raise_no_alarm(norwegian, text):
    result = norwegian.assess(text)
    assert result.tier not in ("emergency", "urgent") or result.about_other


def test_signs_told_after_the_answer_still_count(triage):
    result = triage.assess("No to all three. But since this morning I cannot control my bladder.")
    assert result.tier == "emergency"


def test_a_young_age_needs_words_that_mean_age(triage):
    assert triage.assess("it is 3 weeks now and the pain is severe").tier != "urgent"
    assert triage.assess("I am 17 and a severe back pain started out of nowhere").tier == "urgent"


def test_bak_is_back_in_english_only(triage, norwegian):
    assert triage.assess("hurt my bak lifting the shopping").tier == "daily_pain"
    assert norwegian.assess("jeg sto bak ham i køen").tier is None


def test_a_pet_in_my_own_fall_does_not_hide_it(triage):
    assert triage.assess("my dog pulled me over and now I cannot feel my legs").tier == "emergency"
