"""Negation spread over a checklist (sentences written for this test): a question answered "no"
in the next sentence, and a list ending in "or" under one negation, deny every sign they name;
signs told after the answer, or outside the list, still raise the alarm."""

from __future__ import annotations

import pytest

from bot.language.triage.triage import Triage


@pytest.fixture(scope="module")
def english(content) -> Triage:
    return Triage(content.safety)


@pytest.mark.parametrize(
    "text",
    [
        "Problems peeing? No. Numb bum? No. Fever? Nope. Just stiff after gardening.",
        "Pain at night? No, I sleep fine. Weight loss? No.",
        "I don't have numbness, weakness, fever or any bladder issues",
        "no numbness, tingling, fever or bladder problems, just a stiff back",
    ],
)
def test_english_signs_answered_no_raise_no_alarm(english, text):
    assert english.assess(text).tier not in ("emergency", "urgent")


@pytest.mark.parametrize(
    "text",
    [
        "Numb bum? No, but I wet myself last night",
        "Is it bad that I wet myself? No idea why",
        "Fever? Not sure. Numb bum? Yes",
        "no fever, both legs numb",
        "no fever, my legs are weak or numb",
    ],
)
def test_english_signs_outside_the_answer_still_alarm(english, text):
    assert english.assess(text).tier == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "Nummen i skrittet? Nei. Feber? Nei. Bare stiv.",
        "Lekker urin? Nei, alt er normalt der.",
        "ingen nummenhet, feber eller problemer med blæra",
    ],
)
def test_norwegian_signs_answered_no_raise_no_alarm(norwegian, text):
    assert norwegian.assess(text).tier not in ("emergency", "urgent")


@pytest.mark.parametrize(
    "text",
    [
        "Nummen i skrittet? Vet ikke",
        "Feber? Nei, men jeg har tisset på meg",
        "ingen feber, begge beina nummen",
    ],
)
def test_norwegian_signs_outside_the_answer_still_alarm(norwegian, text):
    assert norwegian.assess(text).tier == "emergency"
