"""The compact word set answers exactly as the frozenset it replaces."""

from __future__ import annotations

import pickle

import pytest

from bot.language.matching import common_words
from bot.language.word_set import WordSet


def test_membership_length_and_iteration_match_the_set_it_was_made_from():
    words = frozenset(common_words.WORDS_FILE.read_text(encoding="utf-8").split())
    compact = WordSet(words)
    assert len(compact) == len(words)
    assert set(compact) == words
    assert compact == words
    probes = [*list(words)[:500], "backk", "ryggsmerte", "zz", "", "a", "Because", "be cause"]
    assert [probe in compact for probe in probes] == [probe in words for probe in probes]
    assert 3 not in compact and None not in compact


def test_words_that_share_a_start_and_length_are_told_apart():
    compact = WordSet(["back", "bake", "band", "ba", "b"])
    assert "back" in compact and "bake" in compact and "b" in compact
    assert "bac" not in compact and "backs" not in compact and "ack" not in compact
    assert "ack\nbake" not in compact  # a probe spanning two stored words


def test_pickled_and_read_back_it_is_the_same_set():
    compact = WordSet(["stretch", "plank", "bridge"])
    again = pickle.loads(pickle.dumps(compact))
    assert again == compact and "plank" in again and "plan" not in again


def test_a_word_with_a_newline_is_refused():
    with pytest.raises(ValueError, match="newlines"):
        WordSet(["two\nlines"])
