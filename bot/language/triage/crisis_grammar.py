"""Concept combinations for the crisis screen: "want" + "die", "took" + "a load of" + "pills".

A phrase list only finds the wordings someone thought of. People in crisis put a few ideas
together in their own words: a wish and death ("i'd honestly rather just be dead"), a way and an
intention ("been looking at the bridge on my way home"), a dose taken ("swallowed 30 of my
tramadol"). Each concept is a short list of words in <lang>/safety.yaml (`crisis.concepts`); a
combination names concepts that must follow one another in one sentence, a few words apart, with
no blocker in between ("want to know if i will die" is a question, not a wish).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.content.safety_models import CrisisCombination
from bot.language.matching.matcher import stem
from bot.language.text import normalize

MANY = "manynum"
"""Stands for a whole number of 8 or more in the text the concepts are matched on."""
_NUMBER = re.compile(r"(?<!\S)(\d{1,3})(?!\S)")


_ARTICLES = frozenset({"a", "an", "the"})
"""Left out on both sides: "jump from balcony" (a learner's English) meets "jump from the
balcony"."""


def _plain(words: str) -> str:
    """Articles out; "took 30 ibuprofen" -> "took manynum ibuprofen"."""
    kept = [w for w in words.split() if w not in _ARTICLES]
    return _NUMBER.sub(lambda m: MANY if int(m.group(1)) >= 8 else m.group(1), " ".join(kept))


def _pieces(phrase: str, *, articles: bool = False) -> list[str | None]:
    """The phrase's stemmed words in order, None for each `*`."""
    words = normalize(phrase.replace("*", " STAR ").rstrip().removesuffix("$")).split()
    return [
        None if word == "star" else stem(word)
        for word in words
        if word == "star" or not (articles and word in _ARTICLES)
    ]


def phrase_pattern(phrase: str, *, articles: bool = False) -> str:
    """A phrase as a regex over stemmed words: `*` is up to four words, a final `$` the end."""
    at_end = phrase.rstrip().endswith("$")
    pattern = ""
    for word in _pieces(phrase, articles=articles):
        if word is None:
            pattern += r"(?:\S+ ){0,4}"
        else:
            pattern += re.escape(word) + " "
    pattern = pattern.removesuffix(" ")
    return pattern + r"(?= *$)" if at_end else pattern


def key_words(phrases: list[str], *, articles: bool = False) -> frozenset[str] | None:
    """One word of each phrase, its longest (the rarest, as a rule): a text that has none of them
    as a word cannot match `compile_phrases(phrases)`, since every word of a phrase's pattern
    stands between spaces or the text's ends. None when some phrase has no word (only stars)."""
    keys = set()
    for phrase in phrases:
        words = [w for w in _pieces(phrase, articles=articles) if w]
        if not words:
            return None
        keys.add(max(words, key=len))
    return frozenset(keys)


def may_match(keys: frozenset[str] | None, tokens: list[str]) -> bool:
    """False only when the text of these tokens cannot hold a phrase of these key words."""
    return keys is None or not keys.isdisjoint(tokens)


def compile_phrases(phrases: list[str], *, articles: bool = False) -> re.Pattern[str]:
    """One alternation, longest phrases first, bounded by spaces. `articles`: leave a, an and
    the out of the phrases (for text that has them taken out too)."""
    ordered = sorted(
        {p for p in (phrase_pattern(p, articles=articles) for p in phrases) if p},
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<!\S)(?:" + "|".join(ordered) + r")(?!\S)")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    """Word positions, end exclusive."""


def spans(pattern: re.Pattern[str], words: str) -> list[Span]:
    found = []
    for match in pattern.finditer(words):
        start = words.count(" ", 0, match.start())
        found.append(Span(start, start + len(match.group(0).split())))
    return found


@dataclass(frozen=True)
class _Combination:
    all_of: tuple[str, ...]
    within: int
    anywhere: tuple[str, ...]
    unless: re.Pattern[str] | None
    across_sentences: bool


class CrisisGrammar:
    def __init__(
        self,
        concepts: dict[str, list[str]],
        combinations: list[CrisisCombination],
        blockers: list[str],
    ):
        used = {name for c in combinations for name in (*c.all_of, *c.anywhere)} - {MANY}
        self._concepts = {
            name: compile_phrases(concepts[name], articles=True) for name in sorted(used)
        }
        self._concepts[MANY] = re.compile(rf"(?<!\S){MANY}(?!\S)")
        self._keys = {name: key_words(concepts[name], articles=True) for name in sorted(used)}
        self._keys[MANY] = frozenset({MANY})
        self._blockers = frozenset(stem(w) for p in blockers for w in normalize(p).split())
        self._combinations = [
            _Combination(
                tuple(c.all_of),
                c.within,
                tuple(c.anywhere),
                compile_phrases(c.unless) if c.unless else None,
                c.across_sentences,
            )
            for c in combinations
        ]

    def find(
        self, sentence: str, *, across_sentences: bool = False
    ) -> tuple[str, tuple[str, ...]] | None:
        """The first combination in one stemmed sentence: (its words, the words before it).
        `across_sentences`: the text is the whole message, read by the combinations made for
        it (and only by them)."""
        words = _plain(sentence)
        tokens = words.split()
        found: dict[str, list[Span]] = {}

        def occurrences(name: str) -> list[Span]:
            if name not in found:
                # most concepts have none of their words in a sentence: no regex run for them
                possible = may_match(self._keys[name], tokens)
                found[name] = spans(self._concepts[name], words) if possible else []
            return found[name]

        for combo in self._combinations:
            if combo.across_sentences != across_sentences:
                continue
            if not occurrences(combo.all_of[0]):
                continue
            if combo.unless is not None and combo.unless.search(sentence):
                continue
            if not all(occurrences(name) for name in combo.anywhere):
                continue
            span = self._chain(combo, occurrences, tokens)
            if span is not None:
                return " ".join(tokens[span.start : span.end]), tuple(tokens[: span.start])
        return None

    def _chain(self, combo: _Combination, occurrences, tokens: list[str]) -> Span | None:
        for first in occurrences(combo.all_of[0]):
            start, end = first.start, first.end
            for name in combo.all_of[1:]:
                # The next concept may share a word with this one ("cannot keep" + "keep
                # living"): it must begin after this one begins and end after it ends.
                following = [
                    s
                    for s in occurrences(name)
                    if start < s.start <= end + combo.within
                    and s.end > end
                    and not self._blockers.intersection(tokens[end : s.start])
                ]
                if not following:
                    break
                start, end = following[0].start, following[0].end
            else:
                return Span(first.start, end)
        return None
