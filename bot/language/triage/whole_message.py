"""Second detector over the WHOLE message: nearest exemplar of a labelled bank, by char n-grams.

The rule engine reads one clause and its neighbour; this reads the message as one piece and in
windows of two sentences, so "I'm 67 ... never had back trouble ... new ache for three weeks" or
a crisis inside a long story still lands near an exemplar of its label. Its failure modes
differ: no word lists, no negation, no clauses, but typos barely move it. Look-alikes (resolved
past, answered-no lists, figures of speech, questions for information, pets and fiction) have
their own `benign_*` exemplars, and a label is raised only when it beats the nearest benign one
by a margin.

It may only RAISE: a rule label adds that rule's screening question, `crisis` the crisis
check-in. It never sets or lowers a tier (bot/brain/safety/safety.py applies it).
The bank lives in knowledge/<lang>/safety_exemplars.yaml.

Beside it votes the learned screen (learned.py, a linear classifier trained on 1,400 to 2,000
messages written blind): a second opinion with other failure modes, read through the same
object so that every assistant of the process shares one copy.
"""

from __future__ import annotations

import hashlib
import math
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.content.base import Id, StrictModel, Text
from bot.content.record import Field
from bot.language import sentences as sentence_split
from bot.language.matching.ngrams import packed
from bot.language.memo import per_text
from bot.language.triage.learned import CLASSES as LEARNED_CLASSES
from bot.language.triage.learned import WEIGHTS_FILE, LearnedScreen, load_weights
from bot.language.triage.neighbours import grams

BANK_FILE = "safety_exemplars.yaml"
CRISIS = "crisis"
BENIGN = "benign"
"""Labels starting with this are look-alikes: they only ever hold a raise back."""
COMMON_SHARE = 0.15
"""A gram found in more than this share of the exemplars is left out of the index."""


class ExemplarGroup(StrictModel):
    label: Id
    texts: list[Text] = Field(min_length=2)


class ExemplarBank(StrictModel):
    threshold: float = Field(gt=0, lt=1)
    """Cosine to a red-flag exemplar needed before its question is asked."""
    crisis_threshold: float = Field(gt=0, lt=1)
    """The same for `crisis`, whose check-in takes the whole reply: set higher."""
    min_words: int = Field(ge=1)
    """Shorter messages ("done", "next", "i'm done") are commands or answers to the bot, and a
    few letters' grams land near anything; the rules alone read them."""
    margin: float = Field(ge=0, lt=1)
    """How far that label must be ahead of the nearest benign exemplar."""
    learned_threshold: float | None = Field(default=None, gt=0, lt=1)
    """Probability of the learned screen's crisis, emergency or urgent class needed to raise
    the check-in or a screening question (None: the learned screen does not vote)."""
    groups: list[ExemplarGroup] = Field(min_length=2)


def detector_for(folder: Path) -> WholeMessage | None:
    """The language folder's detector. Built once per bank text (about half a second): every
    Assistant of the process shares it, and a content reload that edits the bank gets a new
    one (keyed on the file's text, not its path)."""
    path = folder / BANK_FILE
    if not path.is_file():
        return None
    weights = folder / WEIGHTS_FILE
    # Keyed on a digest of the weights, not their 175 KB of text, which the cache would keep.
    learned = hashlib.sha256(weights.read_bytes()).hexdigest() if weights.is_file() else None
    return _detector_of(str(path), path.read_text(encoding="utf-8"), str(weights), learned)


@lru_cache(maxsize=4)
def _detector_of(path: str, text: str, weights: str, learned: str | None) -> WholeMessage:
    screen = None
    if learned is not None:
        screen = LearnedScreen(load_weights(weights, Path(weights).read_text(encoding="utf-8")))
    return WholeMessage(_validated(path, text), screen)


def load_bank(folder: Path) -> ExemplarBank | None:
    """The language folder's bank, or None when the language has none yet."""
    path = folder / BANK_FILE
    if not path.is_file():
        return None
    return _validated(str(path), path.read_text(encoding="utf-8"))


def _validated(path: str, text: str) -> ExemplarBank:
    from pydantic import ValidationError  # validation only: a warm start reads the build cache

    from bot.content.fast_yaml import safe_load  # so is YAML (about 1.4 MB of modules)

    try:
        return ExemplarBank.model_validate(safe_load(text))
    except ValidationError as error:
        raise ValueError(f"{path}: {error}") from error


class WholeMessage:
    def __init__(self, bank: ExemplarBank, learned: LearnedScreen | None = None):
        self.margin, self.min_words = bank.margin, bank.min_words
        self.learned = learned if bank.learned_threshold is not None else None
        self._learned_needed = bank.learned_threshold or 1.0
        self.labels = sorted({group.label for group in bank.groups})
        self._needed = [
            bank.crisis_threshold if label == CRISIS else bank.threshold for label in self.labels
        ]
        number_of = {label: n for n, label in enumerate(self.labels)}
        docs = [(number_of[g.label], grams(t)) for g in bank.groups for t in g.texts]
        frequency: Counter[str] = Counter(g for _, counts in docs for g in counts)
        total = len(docs)
        idf = {g: math.log(1 + total / n) for g, n in frequency.items()}
        self._unseen = math.log(1 + total)
        self._owner = [label for label, _ in docs]
        common = max(3, total * COMMON_SHARE)
        postings: dict[str, list[tuple[int, float]]] = {}
        for number, (_, counts) in enumerate(docs):
            for gram, weight in _unit(counts, idf, self._unseen).items():
                if frequency[gram] <= common:
                    postings.setdefault(gram, []).append((number, weight))
        # Grams in most exemplars (" the", "my ") weigh little and cost the most: not indexed,
        # but they still lengthen a message's vector, so the cosines stay honest.
        # Flat arrays, not a dict of floats and tuples of pairs (about 1.5 MB less for both
        # languages, same floats): row r of a gram holds its idf and its postings
        # numbers[starts[r]:starts[r + 1]] with their weights.
        self._rows = {gram: row for row, gram in enumerate(idf)}
        self._idf = array("d", idf.values())
        starts, numbers, weights = [0], [], array("d")
        for gram in idf:
            for number, weight in postings.get(gram, ()):
                numbers.append(number)
                weights.append(weight)
            starts.append(len(numbers))
        self._starts, self._numbers, self._weights = packed(starts), packed(numbers), weights
        self._benign = [label.startswith(BENIGN) for label in self.labels]
        self._members = [
            [number for number, owner in enumerate(self._owner) if owner == label]
            for label in range(len(self.labels))
        ]
        """Per label, its exemplars' numbers (every group has two texts or more)."""

    def scores(self, counts: Counter[str]) -> list[float]:
        """Per label, the cosine of these grams to its nearest exemplar."""
        return self._label_scores([self._weighed(counts)])

    def _weighed(self, counts: Counter[str]) -> _Weighed:
        """One sentence's (or text's) tf-idf vector and its dot product with every exemplar."""
        rows, idf, unseen = self._rows, self._idf, self._unseen
        starts, numbers, weights = self._starts, self._numbers, self._weights
        values: dict[str, float] = {}
        dots = [0.0] * len(self._owner)
        for gram, count in counts.items():
            row = rows.get(gram)
            if row is None:
                values[gram] = count * unseen  # in no exemplar: it only lengthens the vector
                continue
            value = values[gram] = count * idf[row]
            start, end = starts[row], starts[row + 1]
            for number, other in zip(numbers[start:end], weights[start:end], strict=True):
                dots[number] += value * other
        return _Weighed(values, dots, sum(v * v for v in values.values()))

    def _label_scores(self, parts: list[_Weighed]) -> list[float]:
        """Per label, the cosine of the parts read as one text to its nearest exemplar. A dot
        product is linear in the counts, so a window of sentences is the sum of theirs: each
        sentence meets the postings once, however many windows it is in."""
        if len(parts) == 1:
            dots = parts[0].dots
        else:
            dots = [sum(column) for column in zip(*(part.dots for part in parts), strict=True)]
        norm = math.sqrt(_squared_length(parts)) or 1.0
        return [max(map(dots.__getitem__, members)) / norm for members in self._members]

    @per_text
    def raised(self, text: str) -> tuple[str, ...]:
        """Labels (rule ids, or `crisis`) the message reads close to, closest first; nothing
        from a window where a benign look-alike is as close."""
        if len(text.split()) < self.min_words:
            return ()
        sentences = [self._weighed(grams(s)) for s in sentence_split.split(text)]
        windows = [sentences]
        if len(sentences) > 2:
            windows += [sentences[i : i + 2] for i in range(len(sentences) - 1)]
        best: dict[str, float] = {}
        for window in windows:
            scores = self._label_scores(window)
            benign = max((s for s, b in zip(scores, self._benign, strict=True) if b), default=0)
            for number, score in enumerate(scores):
                if (
                    self._benign[number]
                    or score < self._needed[number]
                    or score - benign < self.margin
                ):
                    continue
                label = self.labels[number]
                best[label] = max(score, best.get(label, 0.0))
        return tuple(sorted(best, key=lambda label: -best[label]))

    def learned_raises(self, text: str) -> tuple[str, ...]:
        """The learned screen's classes (crisis, emergency, urgent) at or above its threshold."""
        if self.learned is None or len(text.split()) < self.min_words:
            return ()
        read = self.learned.read(text)
        return tuple(
            label
            for label, p in zip(LEARNED_CLASSES, read, strict=True)
            if label != "none" and p >= self._learned_needed
        )

    def closest(self, text: str, labels: list[str]) -> str | None:
        """Of these labels, the one whose exemplar is nearest the whole message: the question
        to ask when the learned screen names only a tier."""
        scores = self.scores(grams(text))
        number_of = {label: n for n, label in enumerate(self.labels)}
        known = [label for label in labels if label in number_of]
        return max(known, key=lambda label: scores[number_of[label]], default=None)


@dataclass(frozen=True, slots=True)
class _Weighed:
    values: dict[str, float]
    """Gram -> count x idf."""
    dots: list[float]
    """Per exemplar, the dot product with its unit vector."""
    squared: float
    """The vector's squared length."""


def _squared_length(parts: list[_Weighed]) -> float:
    """The squared length of the parts' sum: their own, plus what the grams they share add."""
    if len(parts) == 1:
        return parts[0].squared
    if len(parts) == 2:
        first, second = (part.values for part in parts)
        shared = sum(first[g] * second[g] for g in first.keys() & second.keys())
        return parts[0].squared + parts[1].squared + 2 * shared
    merged: dict[str, float] = {}
    for part in parts:
        for gram, value in part.values.items():
            merged[gram] = merged.get(gram, 0.0) + value
    return sum(v * v for v in merged.values())


def _unit(counts: Counter[str], idf: dict[str, float], unseen: float) -> dict[str, float]:
    vector = {g: c * idf.get(g, unseen) for g, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {g: v / norm for g, v in vector.items()}
