"""Norwegian questions and everyday words that look like pain in an exercise, and the crisis and
urgent wordings found again. Without æ/ø/å "støl" is "stol" (a chair) and "øm" is "om" (if,
about): neither may turn a question into soreness advice (sentences written for this test)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        # "om" (about, if) next to an exercise word
        "kan du minne meg om øvelsene hver tirsdag?",
        "jeg lurer på om planken er trygg for ryggen",
        # a chair is "stol"
        "hvilken stol er best når jeg gjør øvelsene hjemme?",
        "jeg er stolt av treningen min denne uka",
        # asking how to get less stiff, or about side effects
        "har dere tøying for å bli mindre stiv i hoftene?",
        "hvilke bivirkninger kan programmet gi, utover forbigående stølhet?",
        # asking how much pain is fine, what to avoid, or about starting to train
        "hvor mye smerte er greit under øvelsene, på en skala fra 0 til 10?",
        "er det noen øvelser jeg bør styre unna med vondt i korsryggen?",
        "samboeren min har vondt i ryggen og vil begynne å trene, hva anbefaler dere?",
        "hjelper det egentlig å trene når man har vondt i ryggen?",
    ],
)
def test_questions_and_look_alikes_get_no_pain_advice(norwegian, text):
    result = norwegian.assess(text)
    assert result.tier not in ("stop", "soreness"), result


@pytest.mark.parametrize(
    "text",
    [
        "sykt støl i lårene etter knebøyene i går",
        "jeg er så støl etter treningen",
        "helt støl i magen etter planken",
        "kjempeøm i rumpa etter økta med seteløft",
    ],
)
def test_soreness_after_training_is_still_found(norwegian, text):
    assert norwegian.assess(text).tier == "soreness"


@pytest.mark.parametrize(
    "text",
    [
        "ser ingen vits i noe som helst lenger",
        "når det blir for mye, kutter jeg meg for å kjenne noe annet",
        "jeg vil bare sove og ikke våkne mer",
        "alle har det bedre at jeg ikke er her mer",
        "orker ikke flere år med dette",
    ],
)
def test_crisis_said_in_other_words(norwegian, text):
    assert norwegian.assess(text).tier == "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "jeg våkner ved firetiden hver natt av en gnagende verk i ryggen",
        "jeg ble ferdigbehandlet for tarmkreft i fjor, og nå har jeg fått vondt i ryggen",
    ],
)
def test_urgent_in_other_words(norwegian, text):
    result = norwegian.assess(text)
    assert result.tier == "urgent" and not result.about_other, result
