"""Which rule words a message word stands for: itself, its inflections, or a typing slip.

Typo tolerance is length-aware: words of five letters or more may have one slip (optimal string
alignment distance 1, or 2 from eight letters), four-letter words only a doubled letter typed
once, "ck" typed "k" or two inner letters swapped. A word the language knows is taken as written
("ladder" is not a typo of "bladder", "nice" not "niece"). Inflections are found through shared
stems ("pooing" finds "poo", "pull" finds "pulled"; a singular never finds a plural).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from bot.language.triage.by_length import ByLength

_SUFFIXES = ("ings", "ing", "edly", "ed", "es", "s")
_CONSONANT_PAIR = re.compile(r"([b-df-hj-np-tv-z])\1$")
_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
KEY_AT = {key: (row, col) for row, keys in enumerate(_KEY_ROWS) for col, key in enumerate(keys)}
"""Each letter's (row, column) on a QWERTY keyboard."""
_VOWELS = frozenset("aeiouy")
_CACHE_LIMIT = 50_000


def stems(word: str) -> tuple[str, ...]:
    """What an inflected word may come from: "tingling" -> tingl, tingle; "dragging" -> drag;
    "pooing" -> poo; "spine" -> spine (not "spin"). Two words that share one are forms of
    the same word."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            undoubled = _CONSONANT_PAIR.sub(r"\1", base)
            if undoubled != base:
                return (base, undoubled)  # "pulled" -> "pull"; "dragging" -> "drag"
            if base.endswith("e") or suffix == "s":
                return (base,)
            return (base, base + "e")  # "tingling" -> "tingl" or "tingle"
    return (word,)


def _near_keys(a: str, b: str) -> bool:
    """Neighbouring keys on a QWERTY keyboard (rows are staggered by half a key)."""
    if a not in KEY_AT or b not in KEY_AT:
        return False
    (row_a, col_a), (row_b, col_b) = KEY_AT[a], KEY_AT[b]
    if row_a == row_b:
        return abs(col_a - col_b) == 1
    if abs(row_a - row_b) != 1:
        return False
    upper, lower = (col_a, col_b) if row_a < row_b else (col_b, col_a)
    return lower - upper in (-1, 0)


def typo_ok(word: str, candidate: str, distance: float) -> bool:
    """Short words must be exact, a longer word may have one slip (two from eight letters). A
    swapped letter must be a neighbouring key or a vowel for a vowel: phone typos look like
    that, different words mostly do not ("starting" is not "stabbing")."""
    size = len(candidate)
    if size < 5 or abs(len(word) - size) > 2:
        return False
    if word[0] != candidate[0] and word[:2] != candidate[1::-1]:
        return False
    if distance > 1 and not (distance <= 2 and size >= 8 and len(word) >= 7):
        return False
    return slips_look_typed(word, candidate, OSA.distance(word, candidate))


def slips_look_typed(
    word: str, candidate: str, swaps_counted: float, near: Callable[[str, str], bool] = _near_keys
) -> bool:
    """Each edit from `word` to `candidate` a slip a phone makes: two letters swapped (OSA's
    distance `swaps_counted` under Levenshtein's), or every letter replaced by one `near` it on
    the keyboard or a vowel by a vowel."""
    if swaps_counted < Levenshtein.distance(word, candidate):
        return True  # a transposition ("nmub")
    for op in Levenshtein.editops(word, candidate):
        if op.tag == "replace":
            a, b = word[op.src_pos], candidate[op.dest_pos]
            if not (near(a, b) or (a in _VOWELS and b in _VOWELS)):
                return False
    return True


class EitherSet:
    """Membership in either of two sets, without a third set holding both."""

    __slots__ = ("first", "second")

    def __init__(self, first: frozenset[str] | set[str], second: Collection[str]):
        self.first, self.second = first, second

    def __contains__(self, word: object) -> bool:
        return word in self.first or word in self.second

    def __getstate__(self) -> tuple:
        return self.first, self.second

    def __setstate__(self, state: tuple) -> None:
        self.first, self.second = state


class Vocabulary:
    """The rule words, and the message words read as them."""

    def __init__(
        self,
        rule_words: Iterable[str],
        known: EitherSet,
        no_inflection: frozenset[str],
    ):
        """`known`: words meant as typed, never a rule word's typo; `no_inflection`: words whose
        singular and plural mean different things to the rules ("leg" is not "legs")."""
        self.words = sorted(set(rule_words))
        self.word_set = set(self.words)
        self.known = known
        self._no_inflection = no_inflection
        by_stem: dict[str, set[str]] = {}
        for word in self.words:
            if word.isalpha() and len(word) >= 3:
                for stem in stems(word):
                    by_stem.setdefault(stem, set()).add(word)
        # a handful of words each, in a sorted tuple (no set each)
        self._by_stem = {stem: tuple(sorted(words)) for stem, words in by_stem.items()}
        # a word marked as written with a folded letter ("stol*") is never a typo's target
        self._fuzzy = ByLength(word for word in self.words if len(word) >= 5 and "*" not in word)
        self._short_typos = self._four_letter_typos()
        self._lookup_cache: dict[str, frozenset[str]] = {}
        self._split_cache: dict[str, tuple[str, ...]] = {}

    def _four_letter_typos(self) -> dict[str, tuple[str, ...]]:
        """Four-letter rule words get a narrower typo tolerance: a doubled letter typed once
        ("fel" for "feel") or two inner letters swapped ("lgs" no, "lges" yes)."""
        found: dict[str, set[str]] = {}
        for word in self.words:
            if len(word) != 4 or not word.isalpha():
                continue
            variants = {word[:i] + word[i + 1 :] for i in range(1, 4) if word[i] == word[i - 1]}
            # "ck" typed as "k" ("bak" for "back", "nek" for "neck"), unless that is a word of
            # the language the screen reads: Norwegian "bak" (behind) is never "back".
            variants |= {word.replace("ck", "k")}
            variants |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in (1, 2)}
            for variant in variants - {word}:
                if variant not in self.known:
                    found.setdefault(variant, set()).add(word)
        return {variant: tuple(sorted(words)) for variant, words in found.items()}

    def lookup(self, word: str) -> frozenset[str]:
        """Rule words this message word stands for: itself, or the words it is a typo of."""
        cached = self._lookup_cache.get(word)
        if cached is not None:
            return cached
        found: set[str] = {word}
        found.update(self._short_typos.get(word, ()))
        no_inflection = self._no_inflection
        if word.isalpha() and len(word) >= 3 and word not in no_inflection:
            plural = word.endswith("s")
            found |= {
                other
                for stem in stems(word)
                for other in self._by_stem.get(stem, ())
                if other not in no_inflection and (plural or not other.endswith("s"))
            }
        if word not in self.known and len(word) >= 4 and word.isalpha():
            for candidate, distance, _ in process.extract(
                word,
                self._fuzzy.near(len(word), 2),
                scorer=OSA.distance,
                score_cutoff=2,
                limit=None,
            ):
                if candidate in (word + "s", word + "es") and not word.endswith("s"):
                    continue  # "boil" is not a typo of "boils" ("numbnes" is of "numbness")
                if typo_ok(word, candidate, distance):
                    found.add(candidate)
        result = frozenset(found)
        if len(self._lookup_cache) < _CACHE_LIMIT:
            self._lookup_cache[word] = result
        return result

    def split_merged(self, word: str) -> tuple[str, ...]:
        """'birddog' -> ('bird', 'dog') when both halves are rule words."""
        cached = self._split_cache.get(word)
        if cached is not None:
            return cached
        result: tuple[str, ...] = (word,)
        if len(word) >= 6 and word not in self.known:
            for cut in range(3, len(word) - 2):
                left, right = word[:cut], word[cut:]
                if left in self.word_set and right in self.word_set:
                    result = (left, right)
                    break
        if len(self._split_cache) < _CACHE_LIMIT:
            self._split_cache[word] = result
        return result
