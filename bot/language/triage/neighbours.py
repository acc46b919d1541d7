"""Second detector: nearest neighbour over character n-grams against red-flag exemplars.

Its failure modes differ from the rule engine's: it has no word lists, no negation and no
clauses, so it still sees "cant fel my bum wen i wipe" where no phrase lines up. It may only
RAISE a message to a rule's screening question; it never sets or lowers a tier. The exemplars
live in knowledge/<lang>/safety.yaml (`net.exemplars`); weights are a small hand-written TF-IDF.
"""

from __future__ import annotations

import math
import struct
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from bot.content.safety_models import SafetyNet
from bot.language.memo import per_text
from bot.language.text import normalize
from bot.language.triage.clauses import SENTENCE_END

_SIZES = (3, 4, 5)
_POSTING = struct.Struct("=Id")
"""An exemplar's number and its weight for one gram."""
_IDF = struct.Struct("=d")
"""A gram's weight, at the head of its postings."""


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
        # Per gram its weight, then packed (exemplar, weight) pairs: a tenth of the memory of a
        # list of tuples, and no second dict of weights (every gram has postings); same floats.
        self._index = {
            gram: _IDF.pack(idf[gram]) + b"".join(_POSTING.pack(*pair) for pair in pairs)
            for gram, pairs in postings.items()
        }

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
        index, unseen, threshold = self._index, self._unseen, self.threshold
        idf_of = _IDF.unpack_from
        for sentence in SENTENCE_END.split(text):
            if not sentence.strip():
                continue
            # _vector's weights, with each gram looked up once (its idf heads its postings)
            counts = grams(sentence)
            found = list(map(index.get, counts))
            values = [
                count * (unseen if packed is None else idf_of(packed)[0])
                for packed, count in zip(found, counts.values(), strict=True)
            ]
            norm = math.sqrt(sum(v * v for v in values)) or 1.0
            scores = [0.0] * len(self._rules)
            for packed, value in zip(found, values, strict=True):
                if packed is None:
                    continue
                weight = value / norm
                for number, other in _POSTING.iter_unpack(memoryview(packed)[_IDF.size :]):
                    scores[number] += weight * other
            for number in [n for n, score in enumerate(scores) if score >= threshold]:
                rule, score = self._rules[number], scores[number]
                if score > best.get(rule, 0.0):
                    best[rule] = score
        return tuple(sorted(best.items(), key=lambda pair: -pair[1]))
