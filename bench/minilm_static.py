"""A static embedding distilled from all-MiniLM-L6-v2 (model2vec style), and whether adding it
to the matcher's score helps. Measured: it does not (docs/evaluation.md, "MiniLM"), so the bot
does not use it; this keeps the recipe and the measurement reproducible.

Needs numpy and the model (`make baseline`) to build; reading and scoring are pure Python, as a
run-time signal would have to be (no numpy in the bot):

    python -m bench.minilm_static build [--dims 128]  (to ~/.cache/backcare-bot/)
    python -m bench.minilm_static measure             right / wrong on faq3/4/5_tune, off / on

Build, model2vec's recipe:
1. Every vocabulary piece the English matcher can meet (Latin script, no [unused] slots) goes
   through the numpy MiniLM alone, as "[CLS] piece [SEP]"; its mean-pooled output is its vector.
2. PCA keeps the `--dims` directions of most variance (centred on the mean piece vector).
3. Each vector is weighted by SIF over a Zipf estimate of its frequency (the vocabulary's order
   roughly follows frequency): weight = a / (a + p(rank)), so "the" and "##s" count little.
4. Each row is quantised to int8 with its own scale (3.9 MB at 128 dimensions).

At run time a text's vector is the sum of its pieces' vectors, a target's the mean of its
phrasings' unit vectors; the score is their cosine. The weights are all-MiniLM-L6-v2's,
Apache-2.0 (Sentence Transformers), as the model package's README states.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import struct
from array import array
from functools import lru_cache
from pathlib import Path

from bot.evaluation.minilm import Minilm
from bot.evaluation.minilm_baseline import cache_dir
from bot.language.matching.wordpiece import UNKNOWN, WordPiece

STATIC_FILE = cache_dir() / "minilm_static.bin"
MAGIC = b"MLS1"
SIF_A = 1e-4
"""model2vec's default SIF coefficient."""
BATCH = 512
TUNE_SETS = ("faq3_tune", "faq4_tune", "faq5_tune")
SETTINGS = {
    "off": None,
    "weight 0.2 above 0.2": (0.2, 0.2),
    "weight 0.3 above 0.3": (0.3, 0.3),
    "weight 0.5 above 0.45": (0.5, 0.45),
}
"""How much of the cosine above a floor is added to the letter n-gram similarity."""


class StaticModel:
    """Piece vectors read from the shipped file: text -> vector (a list of floats)."""

    def __init__(self, path: Path = STATIC_FILE):
        data = path.read_bytes()
        if data[:4] != MAGIC:
            raise ValueError(f"{path}: not a static embedding file")
        header_size, text_size, dims = struct.unpack_from("<III", data, 4)
        at = 16
        self.header = json.loads(data[at : at + header_size])
        at += header_size
        pieces = data[at : at + text_size].decode().split("\n")
        at += text_size
        self.dims = dims
        self.scales = array("f")
        self.scales.frombytes(data[at : at + 4 * len(pieces)])
        at += 4 * len(pieces)
        self.rows = array("b")
        self.rows.frombytes(data[at : at + dims * len(pieces)])
        self.tokenizer = WordPiece(pieces)
        self._unknown = self.tokenizer.ids.get(UNKNOWN)

    def vector(self, text: str) -> list[float]:
        """The sum of the text's piece vectors (unknown pieces add nothing)."""
        total = [0.0] * self.dims
        ids, rows, scales, dims = self.tokenizer.ids, self.rows, self.scales, self.dims
        for piece in self.tokenizer.tokenize(text):
            row = ids[piece]
            if row == self._unknown:
                continue
            scale = scales[row]
            start = row * dims
            total = [t + scale * q for t, q in zip(total, rows[start : start + dims], strict=True)]
        return total


def unit(vector: list[float]) -> list[float]:
    norm = math.sqrt(sum(v * v for v in vector))
    return [v / norm for v in vector] if norm else vector


class StaticIndex:
    """Each target's centroid; a query's cosine with every one of them."""

    def __init__(self, model: StaticModel, phrasings_per_target: list[tuple[str, ...]]):
        self.model = model
        self.centroids: list[list[float]] = []
        for phrasings in phrasings_per_target:
            total = [0.0] * model.dims
            for phrasing in phrasings:
                total = [t + v for t, v in zip(total, unit(model.vector(phrasing)), strict=True)]
            self.centroids.append(unit(total))
        self.similarities = lru_cache(maxsize=4096)(self._similarities)

    def _similarities(self, text: str) -> dict[int, float]:
        """Cosine of the query with each target's centroid (an empty query: no target)."""
        query = unit(self.model.vector(text))
        if not any(query):
            return {}
        return {
            target: sum(q * c for q, c in zip(query, centroid, strict=True))
            for target, centroid in enumerate(self.centroids)
        }


def kept_pieces(pieces: list[str]) -> list[int]:
    """Ids of the pieces worth shipping: [UNK] and every piece written in Latin letters, digits
    and punctuation; CJK, Cyrillic, Arabic... and the [unused] slots are dropped (the English
    matcher never needs them, and they are a third of the file)."""
    kept = []
    for number, piece in enumerate(pieces):
        if piece == "[UNK]":
            kept.append(number)
        elif piece.startswith("[") and piece.endswith("]"):
            continue
        elif all(ord(char) < 0x250 for char in piece.removeprefix("##")):
            kept.append(number)
    return kept


def piece_vectors(model: Minilm, ids: list[int]):
    import numpy as np

    cls, sep = model.tokenizer.ids["[CLS]"], model.tokenizer.ids["[SEP]"]
    out = np.zeros((len(ids), 384), np.float32)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        states, _ = model.token_states([[cls, piece, sep] for piece in chunk])
        pooled = states.mean(1)  # no padding: all three positions are real tokens
        out[start : start + len(chunk)] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
        print(f"  {start + len(chunk)}/{len(ids)}", end="\r", flush=True)
    print()
    return out


def distil(dims: int) -> Path:
    import numpy as np

    model = Minilm()
    pieces = model.tokenizer.pieces
    ids = kept_pieces(pieces)
    vectors = piece_vectors(model, ids)
    centred = vectors - vectors.mean(0)
    values, directions = np.linalg.eigh(centred.T @ centred)
    top = directions[:, np.argsort(values)[::-1][:dims]]
    reduced = centred @ top
    ranks = np.arange(1, len(ids) + 1, dtype=np.float64)
    probability = (1 / ranks) / (1 / ranks).sum()
    reduced *= (SIF_A / (SIF_A + probability))[:, None]
    scales = np.abs(reduced).max(1) / 127
    scales[scales == 0] = 1.0
    rows = np.clip(np.rint(reduced / scales[:, None]), -127, 127).astype(np.int8)
    header = json.dumps(
        {
            "model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)",
            "built_by": "python -m bench.minilm_static build",
            "dims": dims,
            "pieces": len(ids),
            "sif_a": SIF_A,
        }
    ).encode()
    text = "\n".join(pieces[i] for i in ids).encode()
    STATIC_FILE.parent.mkdir(parents=True, exist_ok=True)
    with STATIC_FILE.open("wb") as out:
        out.write(MAGIC + struct.pack("<III", len(header), len(text), dims))
        out.write(header + text)
        out.write(array("f", scales.astype(np.float32).tolist()).tobytes())
        out.write(rows.tobytes())
    return STATIC_FILE


def with_meaning(matcher, index: StaticIndex, weight: float, floor: float) -> None:
    """Add the static cosine above `floor`, times `weight`, to the matcher's letter signal."""
    letters = matcher._ngrams.similarities

    def blended(text: str) -> dict[int, float]:
        scores = dict(letters(text))
        for target, cosine in index.similarities(text).items():
            if cosine > floor and target in scores:
                scores[target] += weight * (cosine - floor)
        return scores

    matcher._ngrams.similarities = blended


async def right_and_wrong(library, setting) -> tuple[int, int, int]:
    from bot.brain.assistant import Assistant
    from bot.brain.built import build_language, remember
    from bot.brain.services import BrainConfig
    from bot.evaluation.blind import AnswerReport, load, split_items
    from bot.evaluation.faq import BLIND
    from bot.language.matching.decision import build_targets
    from bot.model.clock import SystemClock
    from bot.store import Store

    english = build_language(library["en"], "en")
    if setting is not None:
        targets = build_targets(library["en"])  # the matcher keeps only their keys
        index = StaticIndex(StaticModel(), [target.phrasings for target in targets])
        with_meaning(english.matcher, index, *setting)
    remember(english)  # the assistant takes this English brain, the matcher with the signal
    store = await Store.open(":memory:")
    assistant = Assistant(library, store, SystemClock(), BrainConfig())
    report = AnswerReport("tune")
    try:
        for user, item in enumerate(
            item for name in TUNE_SETS for item in split_items(load(BLIND / f"{name}.yaml"))[0]
        ):
            report.add(item, await assistant.reply(user + 1, item["text"]), None)
    finally:
        await store.close()
    total = report.totals(list(report.groups))
    return total.right, total.wrong, total.total


def measure() -> str:
    from bot.content.loader import load_library

    library = load_library(Path(__file__).resolve().parent.parent / "knowledge")
    lines = [f"the static MiniLM signal on {', '.join(TUNE_SETS)}"]
    for name, setting in SETTINGS.items():
        right, wrong, total = asyncio.run(right_and_wrong(library, setting))
        lines.append(f"  {name:<24} right {right}/{total}  wrong {wrong}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["build", "measure"])
    parser.add_argument("--dims", type=int, default=128)
    args = parser.parse_args()
    if args.step == "build":
        path = distil(args.dims)
        print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    else:
        print(measure())


if __name__ == "__main__":
    main()
