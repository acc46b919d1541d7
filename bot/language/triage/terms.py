"""Rule phrases as terms, and where a sentence holds them.

A phrase is aligned word by word with the sentence: small (function) words of a phrase of three
words or more are optional, and a few extra words may stand between its words. An `all_of`
alternative is a term of its own that must sit tight (one extra word at most). A phrase stays in
its clause, but may run on over a clause-break word ("my bowels just went").
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from bot.language.text import normalize
from bot.language.triage.clauses import Sentence, merge_inability
from bot.language.triage.cues import CueSet


@dataclass(frozen=True, slots=True)
class Term:
    """A phrase or an all_of alternative, as normalised tokens."""

    index: int
    tokens: tuple[str, ...]
    required: tuple[bool, ...]
    max_step: int  # extra words allowed between two consecutive words of the term
    max_gap: int  # extra words allowed in the whole match
    negation_at: tuple[int, ...]  # positions of negation words inside the term
    first: int  # position of the first required token
    needed: tuple[str, ...]  # the required tokens


@dataclass(frozen=True)
class Occurrence:
    term: int
    start: int
    end: int
    positions: tuple[int, ...]
    clause: int
    slots: tuple[int, ...]  # message position of each term word, -1 when an optional word is absent


class TermNumbers:
    """A set of term numbers, kept as a sorted array: membership by bisection."""

    __slots__ = ("numbers",)

    def __init__(self, numbers: Iterable[int] = ()):
        self.numbers = array("I", sorted(set(numbers)))

    def __contains__(self, number: object) -> bool:
        at = bisect_left(self.numbers, number)
        return at < len(self.numbers) and self.numbers[at] == number

    def __getstate__(self) -> array:
        return self.numbers

    def __setstate__(self, numbers: array) -> None:
        self.numbers = numbers


NO_TERMS = TermNumbers()


class TermBook:
    """Every term of the rules, numbered, with the index that finds them in a sentence."""

    def __init__(
        self,
        function_words: frozenset[str],
        negation_words: set[str],
        inability: CueSet,
    ):
        self._function_words = function_words
        self._negation_words = negation_words
        self._inability = inability
        self.terms: list[Term] = []
        self._ids: dict[tuple[tuple[str, ...], bool], int] | None = {}
        self._by_first: dict[str, list[int]] | dict[str, array] = {}
        self.siblings: list[TermNumbers] = []
        """Per term, the terms sharing a group with it (set by `set_groups`)."""

    def add(self, text: str, *, phrase: bool) -> int:
        """The number of the term for this phrase (`phrase`) or all_of alternative."""
        assert self._ids is not None, "terms are added before the book is closed"
        words = tuple(normalize(text).split())
        if not words:
            raise ValueError(f"empty phrase {text!r}")
        words = tuple(merge_inability(list(words), self._inability))
        key = (words, phrase)
        if key in self._ids:
            return self._ids[key]
        function_words = self._function_words
        content_words = sum(1 for w in words if w not in function_words)
        optional_ok = phrase and len(words) >= 3 and content_words >= 2
        required = tuple(not (optional_ok and w in function_words) for w in words)
        first = required.index(True)
        if phrase:
            max_step, max_gap = 3, 2 + sum(1 for r in required if not r)
        else:
            max_step, max_gap = 1, 1
        negation_at = tuple(i for i, w in enumerate(words) if w in self._negation_words)
        # most terms need every word: then the tokens' own tuple, no second one
        needed = (
            words if all(required) else tuple(w for w, r in zip(words, required, strict=True) if r)
        )
        term = Term(len(self.terms), words, required, max_step, max_gap, negation_at, first, needed)
        self.terms.append(term)
        self._ids[key] = term.index
        return term.index

    def close(self, groups: list[Iterable[int]]) -> None:
        """No more terms: index them by first word, and record each term's siblings.

        Terms sharing a group: a negated term ("do not feel") followed by one of its siblings
        ("numbness") is a negation of that sibling, not a symptom. Most terms have the same
        siblings as the rest of their rule: one shared set for them, as sorted term numbers in
        an array (a tenth of a frozenset of ints)."""
        by_first: dict[str, list[int]] = {}
        for term in self.terms:
            by_first.setdefault(term.tokens[term.first], []).append(term.index)
        self._by_first = {word: array("I", terms) for word, terms in by_first.items()}
        listed = [list(group) for group in groups]
        groups_of: dict[int, list[int]] = {}
        for number, group in enumerate(listed):
            for term in group:
                groups_of.setdefault(term, []).append(number)
        shared: dict[tuple[int, ...], TermNumbers] = {}
        self.siblings = [NO_TERMS] * len(self.terms)
        for term, indexes in groups_of.items():
            key = tuple(indexes)
            if key not in shared:
                shared[key] = TermNumbers(t for index in key for t in listed[index])
            self.siblings[term] = shared[key]
        self._ids = None  # only for deduplicating terms while building (about 1 MB)

    def vocabulary(self) -> set[str]:
        return {token for term in self.terms for token in term.tokens}

    def occurrences(
        self, s: Sentence, matches: list[frozenset[str]], present: set[str]
    ) -> dict[int, list[Occurrence]]:
        """Term number -> where it stands in the sentence (`matches`: the rule words each
        sentence word stands for; `present`: all of them)."""
        result: dict[int, list[Occurrence]] = {}
        starts: dict[str, list[int]] = {}
        """Where each rule word stands, in order: a term's first word is looked up, not sought."""
        for position, words in enumerate(matches):
            for word in words:
                starts.setdefault(word, []).append(position)
        for word in present:
            for term_id in self._by_first.get(word, ()):
                term = self.terms[term_id]
                if not present.issuperset(term.needed):
                    continue
                for start in starts[word]:
                    occ = _align(term, matches, s, start)
                    if occ is not None:
                        result.setdefault(term_id, []).append(occ)
        return result


def _align(term: Term, matches: list[frozenset[str]], s: Sentence, start: int):
    """Match the term's words in order from `start`, allowing a few extra words. A phrase stays in
    its clause, except that it may run on over a clause-break word ("my bowels just went")."""
    clause_of = s.clause_of
    clause = clause_of[start]
    next_ok = term.max_gap > 1 and clause + 1 < s.clause_count and not s.separated_by_comma[clause]
    n = len(matches)
    positions = [start]
    slots = [-1] * len(term.tokens)
    slots[term.first] = start
    gap = 0
    pos = start + 1
    for j in range(term.first + 1, len(term.tokens)):
        word = term.tokens[j]
        found = None
        for q in range(pos, min(pos + term.max_step + 1, n)):
            if clause_of[q] != clause and not (next_ok and clause_of[q] == clause + 1):
                break
            if word in matches[q]:
                found = q
                break
        if found is None:
            if term.required[j]:
                return None
            continue
        gap += found - pos
        if gap > term.max_gap:
            if term.required[j]:
                return None
            gap -= found - pos
            continue
        positions.append(found)
        slots[j] = found
        pos = found + 1
    return Occurrence(term.index, start, positions[-1], tuple(positions), clause, tuple(slots))
