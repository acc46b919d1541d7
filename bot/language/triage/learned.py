"""The learned screen: a linear classifier (multinomial logistic regression) over hashed n-grams.

The rules and the exemplar bank were written one wording at a time; this was trained on 1,400
(Norwegian) to 2,000 (English) labelled messages written blind, in fourteen voices
(knowledge/<lang>/safety_corpus.yaml, with the exemplar bank), so it has seen many ways of
saying the same thing. It reads the message, and pairs of neighbouring sentences in a longer
one, and gives the probability of four classes: none, crisis, emergency, urgent.

Like the exemplar detector it may only RAISE: a red-flag class adds a screening question, crisis
the check-in (bot/brain/safety/safety.py). Weights are trained by
`python -m bot.language.triage.learned_training` and stored with a digest of what they were
trained on; a test fails when the corpus or the bank changed and the weights were not rebuilt.
Kept as one signed byte per weight (a scale per class): 128 KB per language, no strings.
"""

from __future__ import annotations

import base64
import hashlib
import math
from array import array
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from pathlib import Path

from bot.content.base import StrictModel, Text
from bot.content.record import Field
from bot.language import sentences as sentence_split
from bot.language.memo import per_text
from bot.language.triage.hashed_features import BITS, norm, sentence_buckets

WEIGHTS_FILE = "safety_learned.yaml"
CORPUS_FILE = "safety_corpus.yaml"
CLASSES = ("none", "crisis", "emergency", "urgent")
FEATURES = f"hashed_features v3, {BITS} bits"
"""Changes when what a feature means changes: old weights then no longer fit."""


class CorpusItem(StrictModel):
    text: Text
    expect: str
    kind: str | None = None
    voice: str | None = None


class Corpus(StrictModel):
    items: list[CorpusItem] = Field(min_length=1)


class LearnedWeights(StrictModel):
    features: str
    digest: str
    """sha256 of the training pairs (learned_training.training_pairs): stale when it differs."""
    classes: list[str]
    bias: list[float]
    scale: list[float]
    weights: str
    """base64 of signed bytes, class-major: weight (class, bucket) at class * 2^BITS + bucket."""


def training_digest(pairs: list[tuple[str, str]]) -> str:
    digest = hashlib.sha256(FEATURES.encode())
    for label, text in pairs:
        digest.update(f"\0{label}\0{text}".encode())
    return digest.hexdigest()


def screen_for(folder: Path) -> LearnedScreen | None:
    """The language folder's learned screen, None when it has no weights."""
    path = folder / WEIGHTS_FILE
    if not path.is_file():
        return None
    return _screen_of(str(path), path.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def _screen_of(path: str, text: str) -> LearnedScreen:
    return LearnedScreen(load_weights(path, text))


def load_weights(path: str, text: str) -> LearnedWeights:
    from pydantic import ValidationError

    from bot.content.fast_yaml import safe_load

    try:
        weights = LearnedWeights.model_validate(safe_load(text))
    except ValidationError as error:
        raise ValueError(f"{path}: {error}") from error
    if tuple(weights.classes) != CLASSES or weights.features != FEATURES:
        raise ValueError(f"{path}: trained for {weights.features} {weights.classes}; rebuild it")
    return weights


class LearnedScreen:
    def __init__(self, weights: LearnedWeights):
        self._bias = tuple(weights.bias)
        self._scale = tuple(weights.scale)
        packed = array("b", base64.b64decode(weights.weights))
        size = 1 << BITS
        if len(packed) != len(CLASSES) * size:
            raise ValueError("learned weights: wrong size; rebuild them")
        # One array per class: a class's logit is then one C-level map over the buckets.
        self._rows = tuple(packed[c * size : (c + 1) * size] for c in range(len(CLASSES)))

    @per_text
    def read(self, text: str) -> tuple[float, ...]:
        """Per class, the highest probability over the message and, when it has more than two
        sentences, each pair of neighbouring sentences: a crisis told in one sentence of a
        paragraph about exercises is not diluted by the rest."""
        each = [b for b in map(sentence_buckets, sentence_split.split(text)) if b]
        if not each:
            return (1.0, 0.0, 0.0, 0.0)
        # Per sentence and class, the sum of the weights of its grams (with repeats): C-level.
        sums = [[sum(pick(row)) for row in self._rows] for pick in map(_picker, each)]
        windows = [range(len(each))]
        if len(each) > 2:
            windows += [range(i, i + 2) for i in range(len(each) - 1)]
        best = [0.0] * len(CLASSES)
        for window in windows:
            length = norm(chain.from_iterable(each[i] for i in window))
            logits = [
                bias + scale * sum(sums[i][c] for i in window) / length
                for c, (bias, scale) in enumerate(zip(self._bias, self._scale, strict=True))
            ]
            for c, p in enumerate(_softmax(logits)):
                best[c] = max(best[c], p)
        return tuple(best)


def _picker(buckets: tuple[int, ...]):
    if len(buckets) == 1:
        only = buckets[0]
        return lambda row: (row[only],)
    return itemgetter(*buckets)


def _softmax(logits: list[float]) -> list[float]:
    top = max(logits)
    exps = [math.exp(z - top) for z in logits]
    total = sum(exps)
    return [e / total for e in exps]
