"""The shipped list of common English words is exactly what pyspellchecker's frequencies give."""

from bot.language.matching import common_words


def test_the_shipped_word_list_matches_pyspellchecker():
    assert common_words.load() == common_words.from_pyspellchecker(), (
        "regenerate: python -m bot.language.matching.common_words"
    )
