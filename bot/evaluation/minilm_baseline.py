"""The MiniLM nearest-neighbour baseline: what an off-the-shelf embedding matcher answers.

Every target the bot can answer with (FAQ entries, exercises, goals, commands) is embedded by
all the phrasings the bot's own matcher indexes (`build_targets`, from the same content). A
message gets the label of its nearest phrasing when their cosine is at least `THRESHOLD`,
otherwise no answer. Nothing else: no typo layer, no rules, no tuning beyond that one number.

Needs numpy and the model package (bot/evaluation/minilm.py says how to install them). Vectors
are cached per text under ~/.cache/backcare-bot/, so only new phrasings and messages are
encoded: the first run takes about a minute, the next ones a second.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from pathlib import Path

from bot.evaluation.minilm import Minilm

THRESHOLD = 0.50
"""Chosen once on the English _tune blind sets (`python -m bench.minilm_baseline --tune`): the
cut-off with the most right answers over faq_tune, faq3_tune, faq4_tune and faq5_tune."""
MODEL_NAME = "all-MiniLM-L6-v2"


def cache_dir() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "backcare-bot"


class VectorCache:
    """Text -> unit vector, kept on disk between runs (one .npz, replaced atomically)."""

    def __init__(self, model: Minilm, path: Path | None = None):
        import numpy as np

        self.model = model
        self.path = path or cache_dir() / f"{MODEL_NAME}-vectors.npz"
        self.known: dict[str, np.ndarray] = {}
        if self.path.is_file():
            try:
                with np.load(self.path, allow_pickle=False) as stored:
                    self.known = dict(zip(stored["texts"].tolist(), stored["vectors"], strict=True))
            except (OSError, ValueError, KeyError):
                self.known = {}  # a torn or old file: encode again

    def vectors(self, texts: list[str]):
        import numpy as np

        missing = sorted({t for t in texts if t not in self.known})
        if missing:
            for text, vector in zip(missing, self.model.encode(missing), strict=True):
                self.known[text] = vector
            # a read-only home: the figures are the same, only the next run is slower
            with contextlib.suppress(OSError):
                self._save()
        return np.stack([self.known[t] for t in texts]) if texts else np.zeros((0, 384))

    def _save(self) -> None:
        import numpy as np

        self.path.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(str(os.getpid()).encode()).hexdigest()[:8]
        partial = self.path.with_name(f"{self.path.stem}.{digest}.tmp.npz")
        texts = list(self.known)
        np.savez(partial, texts=np.array(texts), vectors=np.stack([self.known[t] for t in texts]))
        os.replace(partial, self.path)


def labels(key: str) -> frozenset[str]:
    """A target key as the eval labels what a reply answers ("faq:x" -> "x")."""
    from bot.evaluation.blind import COMMAND_NAMES

    if key.startswith("faq:"):
        return frozenset({key.removeprefix("faq:")})
    if key.startswith("command:"):
        name = key.removeprefix("command:")
        return frozenset(
            f"command:{label}" for label, names in COMMAND_NAMES.items() if name in names
        )
    return frozenset({key})


class MinilmBaseline:
    """Nearest phrasing by cosine; its target's labels, or nothing below the threshold."""

    def __init__(
        self,
        targets,
        threshold: float = THRESHOLD,
        model: Minilm | None = None,
        cache: Path | None = None,
    ):
        self.model = model or Minilm()
        self.cache = VectorCache(self.model, cache)
        self.threshold = threshold
        self.keys: list[str] = []
        phrasings: list[str] = []
        for target in targets:
            for phrasing in target.phrasings:
                self.keys.append(target.key)
                phrasings.append(phrasing)
        self.matrix = self.cache.vectors(phrasings)

    @classmethod
    def for_content(cls, content) -> MinilmBaseline:
        """Over every target the bot's matcher indexes, by the same phrasings."""
        from bot.language.matching.decision import build_targets

        return cls(build_targets(content))

    def nearest(self, vector) -> tuple[str, float]:
        scores = self.matrix @ vector
        best = int(scores.argmax())
        return self.keys[best], float(scores[best])

    def judge(self, vector, threshold: float | None = None) -> frozenset[str]:
        key, cosine = self.nearest(vector)
        return (
            labels(key)
            if cosine >= (self.threshold if threshold is None else threshold)
            else frozenset()
        )

    def answer_all(self, texts: list[str]) -> list[frozenset[str]]:
        """The baseline's labels for each message (vectors from the cache when known)."""
        return [self.judge(vector) for vector in self.cache.vectors(texts)]

    def latency_ms(self, texts: list[str]) -> list[float]:
        """Milliseconds per message, each encoded afresh and matched alone, as a bot would."""
        times = []
        for text in texts:
            start = time.perf_counter()
            self.judge(self.model.encode([text])[0])
            times.append((time.perf_counter() - start) * 1000)
        return times
