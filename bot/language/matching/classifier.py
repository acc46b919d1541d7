"""A learned signal beside the fuzzy one: naive Bayes over words and letter n-grams.

The matcher scores a question by its best single phrasing, so a paraphrase that shares no
phrasing's words with the right entry scores low. A multinomial naive Bayes classifier, trained
on all of a target's phrasings at once, weighs every word and letter run the target's phrasings
use by how typical it is of that target, however it was asked: "a bed that sags" and "firm or
soft to sleep on" both pull towards the mattress entry although no phrasing says both.

Trained at build time from the content only (one counting pass: about 0.1 s for English, 0.25 s
for Norwegian's larger bank, inside the cached build), read in pure Python: a query's features
each add to the targets whose phrasings hold them (about 0.3 ms, remembered per text).
Language-agnostic: the features are what the matcher's dialect reads (its stems, its typo
corrections) and letters; nothing here knows English.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from bot.language.matching.ngrams import packed

ALPHA = 0.1
"""Laplace smoothing: small, because a target's phrasings are few and a feature missing from
them is evidence against it."""
WORD_WEIGHT = 3.0
"""A word counts as this many letter n-grams: a word is a claim about the topic, a letter run
only a hint."""
GRAM_SIZES = (3, 4)
"""Letter runs of content words: long enough to carry a root ("slee", "matt"), short enough to
survive a typo."""
SHARPNESS = 1.0
"""Posterior temperature per unit of query weight: log-likelihoods grow with the length of the
message, so they are divided by its weight before the softmax; otherwise a long message is
always "certain"."""


def features(words: Iterable[str], surface: Iterable[str]) -> Counter[str]:
    """The stems as words (weighted) and the surface words' letter runs."""
    found: Counter[str] = Counter()
    for word in words:
        found["w " + word] += WORD_WEIGHT
    for word in surface:
        padded = f" {word} "
        for size in GRAM_SIZES:
            for start in range(len(padded) - size + 1):
                found[padded[start : start + size]] += 1
    return found


@dataclass(frozen=True)
class Verdict:
    """What the classifier makes of a query."""

    ranked: tuple[tuple[str, float], ...]
    """Target keys with their posterior probability, most probable first (a few only)."""
    known_share: float
    """The share of the query's feature weight that some phrasing of the content holds."""

    @property
    def best(self) -> str | None:
        return self.ranked[0][0] if self.ranked else None

    @property
    def confidence(self) -> float:
        return self.ranked[0][1] if self.ranked else 0.0

    @property
    def lead(self) -> float:
        """How far the first target's log-likelihood per unit of query weight exceeds the
        second's (what the posterior's ratio says, whatever `SHARPNESS`)."""
        if len(self.ranked) < 2:
            return math.inf if self.ranked else 0.0
        return math.log(self.ranked[0][1] / self.ranked[1][1]) / SHARPNESS

    def probability(self, key: str) -> float:
        """Its probability, or 0 when it is not among the few kept (it is under theirs)."""
        return next((p for k, p in self.ranked if k == key), 0.0)


class Classifier:
    def __init__(self, labelled: Iterable[tuple[int, Counter[str]]], keys: list[str]):
        """`labelled`: each training phrasing's features with its target's number in `keys`."""
        self._keys = keys
        targets = len(keys)
        counts: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
        totals = [0.0] * targets
        for target, found in labelled:
            for feature, count in found.items():
                counts[feature][target] += count
                totals[target] += count
        vocabulary = len(counts)
        self._rows = {feature: row for row, feature in enumerate(counts)}
        # Row r: the targets holding feature r at starts[r]:starts[r+1], with log((n + a) / a).
        starts, holders, gains = [0], [], []
        for per_target in counts.values():
            for target, count in per_target.items():
                holders.append(target)
                gains.append(math.log((count + ALPHA) / ALPHA))
            starts.append(len(holders))
        self._starts = packed(starts)
        self._holders = packed(holders)
        self._gains = array("f", gains)
        # What every feature costs a target whose phrasings lack it: log(a / (N + a V)).
        self._absent = array(
            "d", (math.log(ALPHA / (total + ALPHA * vocabulary)) for total in totals)
        )

    def classify(self, found: Counter[str], keep: int = 5) -> Verdict:
        rows, starts, holders, gains = self._rows, self._starts, self._holders, self._gains
        known = 0.0
        scores: dict[int, float] = defaultdict(float)
        for feature, count in found.items():
            row = rows.get(feature)
            if row is None:
                continue  # no phrasing holds it: it says nothing about which target
            known += count
            start, end = starts[row], starts[row + 1]
            for target, gain in zip(holders[start:end], gains[start:end], strict=True):
                scores[target] += count * gain
        total = sum(found.values())
        if not known:
            return Verdict((), 0.0)
        absent = self._absent
        logits = [
            (known * absent[target] + scores.get(target, 0.0)) / known * SHARPNESS
            for target in range(len(absent))
        ]
        top = max(logits)
        weights = [math.exp(logit - top) for logit in logits]
        norm = sum(weights)
        order = sorted(range(len(weights)), key=weights.__getitem__, reverse=True)[:keep]
        return Verdict(tuple((self._keys[t], weights[t] / norm) for t in order), known / total)
