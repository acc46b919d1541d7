"""Train the learned screen's weights: `python -m bot.language.triage.learned_training [LANG...]`.

Reads knowledge/<lang>/safety_corpus.yaml and the exemplar bank (safety_exemplars.yaml, each
group's rule mapped to its tier in safety.yaml; `benign_*` groups are `none`) and writes
knowledge/<lang>/safety_learned.yaml. Needs numpy (a development tool, like the MiniLM baseline;
the bot itself only reads the weights). Never give it evaluation items: the sets in
bot/evaluation/data measure it.

Multinomial logistic regression, full-batch Adam, a little L2; about half a minute a language.
"""

from __future__ import annotations

import base64
import sys
from pathlib import Path

from bot.content.fast_yaml import safe_load
from bot.language import sentences
from bot.language.triage.hashed_features import BITS, message_vector
from bot.language.triage.learned import (
    CLASSES,
    CORPUS_FILE,
    FEATURES,
    WEIGHTS_FILE,
    Corpus,
    training_digest,
)
from bot.language.triage.whole_message import BENIGN, CRISIS, load_bank

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"
ITERATIONS = 150
L2 = 1e-4
STEP = 0.005


def training_pairs(folder: Path) -> list[tuple[str, str]]:
    """(class, text) for every corpus item and bank exemplar of the language folder."""
    corpus = Corpus.model_validate(safe_load((folder / CORPUS_FILE).read_text(encoding="utf-8")))
    pairs = [(_class_of(item.expect), item.text) for item in corpus.items]
    tiers = {
        rule["id"]: rule["tier"]
        for rule in safe_load((folder / "safety.yaml").read_text(encoding="utf-8"))["rules"]
    }
    bank = load_bank(folder)
    for group in bank.groups if bank else ():
        if group.label == CRISIS:
            label = CRISIS
        elif group.label.startswith(BENIGN):
            label = "none"
        else:
            label = _class_of(tiers[group.label])
        pairs += [(label, text) for text in group.texts]
    return pairs


def _class_of(tier: str) -> str:
    return tier if tier in CLASSES else "none"


def train(pairs: list[tuple[str, str]]):
    """(weights as a (2^BITS, classes) array, bias): multinomial logistic regression."""
    import numpy as np

    vectors = [message_vector(sentences.split(text)) for _, text in pairs]
    labels = np.array([CLASSES.index(label) for label, _ in pairs])
    index = np.array([b for buckets, _ in vectors for b in buckets], dtype=np.int64)
    value = np.array([x for _, values in vectors for x in values])
    rows = np.repeat(np.arange(len(vectors)), [len(buckets) for buckets, _ in vectors])
    n, classes, size = len(vectors), len(CLASSES), 1 << BITS
    target = np.zeros((n, classes))
    target[np.arange(n), labels] = 1
    weights, bias = np.zeros((size, classes)), np.zeros(classes)
    moment, second = np.zeros_like(weights), np.zeros_like(weights)
    for step in range(1, ITERATIONS + 1):
        spread_w = weights[index] * value[:, None]
        logits = np.stack(
            [np.bincount(rows, weights=spread_w[:, c], minlength=n) for c in range(classes)], 1
        )
        logits += bias
        logits -= logits.max(1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(1, keepdims=True)
        error = (p - target) / n
        spread = error[rows] * value[:, None]
        gradient = np.stack(
            [np.bincount(index, weights=spread[:, c], minlength=size) for c in range(classes)], 1
        )
        gradient += L2 * weights
        moment = 0.9 * moment + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient * gradient
        weights -= STEP * (moment / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
        bias -= 0.1 * error.sum(0)
    return weights, bias


def written(pairs: list[tuple[str, str]]) -> str:
    """The weights file's text: signed bytes with a scale per class, and the digest."""
    import numpy as np

    weights, bias = train(pairs)
    scale = np.abs(weights).max(0) / 127
    scale[scale == 0] = 1.0
    quantised = np.clip(np.rint(weights / scale), -127, 127).astype(np.int8).T  # class-major
    encoded = base64.b64encode(np.ascontiguousarray(quantised).tobytes()).decode()
    return (
        "# Trained by `python -m bot.language.triage.learned_training`: do not edit by hand.\n"
        f"# {len(pairs)} messages: {CORPUS_FILE} and the exemplar bank.\n"
        f"features: {FEATURES}\n"
        f"digest: {training_digest(pairs)}\n"
        f"classes: [{', '.join(CLASSES)}]\n"
        f"bias: [{', '.join(f'{b:.6f}' for b in bias)}]\n"
        f"scale: [{', '.join(f'{s:.8f}' for s in scale)}]\n"
        f"weights: {encoded}\n"
    )


def main(languages: list[str]) -> None:
    from bot.content.loader import load_library
    from bot.language.dialect import dialect_of, speaking

    library = load_library(KNOWLEDGE)
    for code in languages or sorted(library):
        folder = KNOWLEDGE / code
        if not (folder / CORPUS_FILE).is_file():
            continue
        with speaking(dialect_of(library[code].profile, code)):
            pairs = training_pairs(folder)
            (folder / WEIGHTS_FILE).write_text(written(pairs), encoding="utf-8")
        print(f"{code}: {len(pairs)} messages -> {folder / WEIGHTS_FILE}")


if __name__ == "__main__":
    main(sys.argv[1:])
