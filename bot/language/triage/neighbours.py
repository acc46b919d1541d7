"""Second detector: nearest neighbour over character n-grams against red-flag exemplars.

Its failure modes differ from the rule engine's: it has no word lists, no negation and no
clauses, so it still sees "cant fel my bum wen i wipe" where no phrase lines up. It may only
RAISE a message to a rule's screening question; it never sets or lowers a tier. The exemplars
live in knowledge/<lang>/safety.yaml (`net.exemplars`); weights are a small hand-written TF-IDF.
"""

from __future__ import annotations

import math
import struct
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from bot.content.safety_models import SafetyNet
from bot.language.matching.ngrams import packed as narrowest
from bot.language.memo import per_text
from bot.language.text import normalize
from bot.language.triage.clauses import SENTENCE_END

_SIZES = (3, 4, 5)
_POSTING = struct.Struct("=Id")
"""An exemplar's number and its weight for one gram."""
_HEAD = struct.Struct("=dI")
"""A gram's weight and row number, at the head of its postings."""
WIDE_SHARE = 0.05
"""A gram in more than this share of the exemplars (" th", "my ") is wide: its long postings
are not walked for every sentence; what it can add to a score is bounded instead."""
_SLACK = 1e-9
"""Kept under the threshold when bounding, so that rounding never drops an exemplar."""


def grams(text: str) -> Counter[str]:
    """The text's character n-grams, normalised. Never changed by a caller: the same sentence
    is read by three screens (the crisis exemplars, the safety net, the whole-message detector),
    so its grams are counted once and shared. A few are kept: the screens of one turn read its
    sentences one after another."""
    return _grams_of(normalize(text))


@lru_cache(maxsize=16)
def _grams_of(normal: str) -> Counter[str]:
    padded = f" {normal} "
    return Counter(padded[i : i + n] for n in _SIZES for i in range(len(padded) - n + 1))


class Neighbours:
    def __init__(self, net: SafetyNet):
        self.threshold = net.threshold
        self._build([(e.rule, grams(text)) for e in net.exemplars for text in e.texts])

    @classmethod
    def of_texts(cls, label: str, texts: list[str], threshold: float) -> Neighbours:
        """One label for every text (the crisis exemplars)."""
        made = cls.__new__(cls)
        made.threshold = threshold
        made._build([(label, grams(text)) for text in texts])
        return made

    def _build(self, docs: list[tuple[str, Counter[str]]]) -> None:
        frequency: Counter[str] = Counter(g for _, counts in docs for g in counts)
        total = len(docs) or 1
        idf = {g: math.log(1 + total / n) for g, n in frequency.items()}
        self._unseen = math.log(1 + total)
        """Weight of a gram no exemplar has: it still lengthens the message's vector."""
        self._rules = [rule for rule, _ in docs]
        postings: dict[str, list[tuple[int, float]]] = {}
        for number, (_, counts) in enumerate(docs):
            for gram, weight in self._vector(counts, idf.get).items():
                postings.setdefault(gram, []).append((number, weight))
        # Per gram its weight and row, then packed (exemplar, weight) pairs: a tenth of the
        # memory of a list of tuples, and no second dict of weights (every gram has postings).
        rows = {gram: row for row, gram in enumerate(postings)}
        grams_of = list(postings)
        self._index = {
            gram: _HEAD.pack(idf[gram], rows[gram])
            + b"".join(_POSTING.pack(*pair) for pair in pairs)
            for gram, pairs in postings.items()
        }
        wide = max(1, int(len(docs) * WIDE_SHARE))
        self._wide_size = _HEAD.size + wide * _POSTING.size
        """A gram whose packed postings are longer than this is wide."""
        # Per exemplar: its unit vector's rows (sorted) and weights, to score it exactly when the
        # bound says it may reach the threshold, and the length of its wide part.
        self._vectors: list[tuple[array, array]] = []
        self._wide_length = array("d")
        for _, counts in docs:
            vector = sorted((rows[g], w) for g, w in self._vector(counts, idf.get).items())
            self._vectors.append(
                (narrowest([r for r, _ in vector]), array("d", [w for _, w in vector]))
            )
            self._wide_length.append(
                math.sqrt(
                    sum(w * w for r, w in vector if len(self._index[grams_of[r]]) > self._wide_size)
                )
            )
        self._widest = max(self._wide_length, default=0.0)

    def _vector(self, counts: Counter[str], idf: Callable[[str], float | None]) -> dict[str, float]:
        vector = {
            g: c * (self._unseen if (weight := idf(g)) is None else weight)
            for g, c in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {g: v / norm for g, v in vector.items()}

    @per_text
    def nearest(self, text: str) -> tuple[tuple[str, float], ...]:
        """Rules whose exemplars are close to a sentence of the message, closest first."""
        best: dict[str, float] = {}
        for sentence in SENTENCE_END.split(text):
            if not sentence.strip():
                continue
            for number, score in self._close(grams(sentence)):
                rule = self._rules[number]
                if score > best.get(rule, 0.0):
                    best[rule] = score
        return tuple(sorted(best.items(), key=lambda pair: -pair[1]))

    def _close(self, counts: Counter[str]) -> list[tuple[int, float]]:
        """(exemplar, cosine) of the exemplars at the threshold or above, by number.

        Narrow grams are walked through their postings; wide ones only add to a bound
        (Cauchy-Schwarz: at most their part of this vector's length times theirs of the
        exemplar's). An exemplar whose bound reaches the threshold is then scored exactly,
        gram by gram in the sentence's order, as a walk over every posting would."""
        index, unseen, wide_size = self._index, self._unseen, self._wide_size
        head = _HEAD.unpack_from
        found = list(map(index.get, counts))
        values = [
            count * (unseen if packed is None else head(packed)[0])
            for packed, count in zip(found, counts.values(), strict=True)
        ]
        norm = math.sqrt(sum(v * v for v in values)) or 1.0
        partial = [0.0] * len(self._rules)
        wide = 0.0
        for packed, value in zip(found, values, strict=True):
            if packed is None:
                continue
            if len(packed) > wide_size:
                wide += value * value
                continue
            weight = value / norm
            for number, other in _POSTING.iter_unpack(memoryview(packed)[_HEAD.size :]):
                partial[number] += weight * other
        reach = math.sqrt(wide) / norm
        floor = self.threshold - _SLACK
        if max(partial, default=0.0) + reach * self._widest < floor:
            return []  # most sentences: not one exemplar within reach
        known = [
            (head(packed)[1], value / norm)
            for packed, value in zip(found, values, strict=True)
            if packed is not None
        ]
        close = []
        for number, score in enumerate(partial):
            if score + reach * self._wide_length[number] < floor:
                continue
            score = self._score(number, known)
            if score >= self.threshold:
                close.append((number, score))
        return close

    def _score(self, number: int, known: list[tuple[int, float]]) -> float:
        """The exemplar's cosine to the sentence whose (row, weight) pairs these are."""
        rows, weights = self._vectors[number]
        size = len(rows)
        score = 0.0
        for row, weight in known:
            at = bisect_left(rows, row)
            if at < size and rows[at] == row:
                score += weight * weights[at]
        return score
