"""The length window a typo is compared with holds every word it can be near, and no other."""

from bot.language.triage.by_length import ByLength

WORDS = ["numb", "tingle", "bladder", "weak", "fever", "numbness", "incontinence", "leg"]


def test_the_window_holds_exactly_the_words_within_reach_in_their_order():
    words = ByLength(WORDS)
    for length in range(0, 16):
        for reach in (1, 2):
            expected = [w for w in sorted(WORDS, key=len) if abs(len(w) - length) <= reach]
            assert words.near(length, reach) == expected


def test_no_words_give_empty_windows():
    assert ByLength([]).near(5, 2) == []
