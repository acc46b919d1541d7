"""Typo tolerance for the crisis screen: "sucidal", "myslef", "endin my lfie", "kil".

Someone in distress types fast and on a phone. A word the message has that is neither a
common English word nor a word of the crisis lexicon is read as the crisis word it is one slip
away from, when the slip looks like a typing slip: a letter missed or doubled, two neighbours
swapped, a neighbouring key or a vowel for a vowel. Short words need more care: a four-letter
word may only have two letters swapped ("lfie"), a three-letter word only a doubled letter
typed once ("kil").
"""

from __future__ import annotations

import re

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.language.matching import common_words
from bot.language.triage.by_length import ByLength
from bot.language.triage.typos import KEY_AT, slips_look_typed

_CACHE_LIMIT = 50_000


_BRITISH = re.compile(r"is(?=(?:e|ed|es|ing|ation|ations)$)")
"""British -ise endings, which the common-word list (American spelling) has as -ize."""


def _near_keys(a: str, b: str) -> bool:
    """Keys side by side, or in the next row within one column: looser than the rules' typo
    reading (which follows the half-key stagger), so a crisis word is read once too often
    rather than once too rarely."""
    if a not in KEY_AT or b not in KEY_AT:
        return False
    (row_a, col_a), (row_b, col_b) = KEY_AT[a], KEY_AT[b]
    if row_a == row_b:
        return abs(col_a - col_b) == 1
    return abs(row_a - row_b) == 1 and abs(col_a - col_b) <= 1


def _looks_like_a_slip(word: str, candidate: str) -> bool:
    """One or two typing slips (two only in long words), each a plausible one on a phone."""
    if word[0] != candidate[0] and word[:2] != candidate[1::-1]:
        return False
    distance = OSA.distance(word, candidate)
    if distance > (2 if len(candidate) >= 8 else 1):
        return False
    return slips_look_typed(word, candidate, distance, near=_near_keys)


class CrisisSpelling:
    """Maps a normalised message word to the crisis-lexicon word it was meant to be."""

    def __init__(self, vocabulary: set[str], protected: frozenset[str] | None = None):
        words = {w for w in vocabulary if w.isalpha()}
        self._vocabulary = frozenset(words)
        self._long = ByLength(sorted(w for w in words if len(w) >= 5))
        # Kept apart rather than joined: the common words are one set shared by every screen.
        self._common = common_words.load() if protected is None else protected
        self._short: dict[str, str] = {}
        for word in sorted(words):
            if len(word) == 4:
                for i in (1, 2):
                    swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
                    self._short.setdefault(swapped, word)
            if 3 <= len(word) <= 6:
                for i in range(1, len(word)):
                    if word[i] == word[i - 1]:
                        self._short.setdefault(word[:i] + word[i + 1 :], word)
        for variant in list(self._short):
            if variant in self._vocabulary or variant in self._common:
                del self._short[variant]
        self._cache: dict[str, str] = {}

    def _is_common(self, word: str) -> bool:
        """Common as typed, or in its American spelling ("realised" is "realized", not a slip
        of "relapsed")."""
        if word in self._common:
            return True
        american = _BRITISH.sub(lambda m: m.group(0).replace("is", "iz"), word)
        return american != word and american in self._common

    def correct(self, word: str) -> str:
        if word in self._vocabulary or self._is_common(word) or not word.isalpha() or len(word) < 3:
            return word
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        found = self._short.get(word)
        if found is None and len(word) >= 5:
            near = process.extract(
                word, self._long.near(len(word), 2), scorer=OSA.distance, score_cutoff=2, limit=None
            )
            # The five nearest as over the whole sorted list: by distance, then alphabetically.
            for candidate, _, _ in sorted(near, key=lambda found: (found[1], found[0]))[:5]:
                if abs(len(candidate) - len(word)) <= 2 and _looks_like_a_slip(word, candidate):
                    found = candidate
                    break
        result = found or word
        if len(self._cache) < _CACHE_LIMIT:
            self._cache[word] = result
        return result

    def correct_all(self, words: list[str]) -> list[str]:
        return [self.correct(word) for word in words]
