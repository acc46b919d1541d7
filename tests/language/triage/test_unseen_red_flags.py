"""Red flags in wordings found on the tune sets (sentences written for these tests): a fall in
an older person with the age in another sentence, someone else about to hang themselves, bowels
typed as "bowls"; and falls that are no alarm."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "I slipped on the ice on Tuesday and sat down hard. It has been sore since. I am 79.",
        "Took a tumble in the garden yesterday. I'm 83 now and my lower back aches.",
    ],
)
def test_english_fall_with_the_age_apart_is_urgent(triage, text):
    assert triage.assess(text).tier == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "Jeg skled på isen i går. Jeg er 81 og ryggen verker.",
        "Snublet i trappa på søndag. Er 77 år og har vondt i korsryggen.",
    ],
)
def test_norwegian_fall_with_the_age_apart_is_urgent(norwegian, text):
    assert norwegian.assess(text).tier == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "I fell in love with yoga. I am 70 and my back is a bit stiff.",
        "I am 72. I slipped last winter but I was fine, no pain since.",
    ],
)
def test_english_other_falls_raise_no_alarm(triage, text):
    assert triage.assess(text).tier not in ("emergency", "urgent")


@pytest.mark.parametrize(
    "text",
    [
        "my sister says she is going to hang herself tonight",
        "he messaged that he is gonna hang himself after work",
    ],
)
def test_someone_about_to_hang_themselves_is_a_crisis(triage, text):
    assert triage.assess(text).tier == "crisis"


def test_bowels_typed_as_bowls_still_alarm(triage):
    assert triage.assess("cant control my bowls since this morning, back agony").tier == (
        "emergency"
    )
