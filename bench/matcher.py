"""The matcher on texts it has not seen: CPU per match, every cache cold, per language.

Run: python -m bench.matcher   (no target: the figure behind 'every text new' in
bench.reliability, where each new message is matched once)

Texts: each language's FAQ phrasings (what bench.reliability sends) and its labelled evaluation
sets. Every pass starts with the matcher's caches emptied (remembered matches, letter n-gram
similarities, typo corrections), as after a restart; the best of PASSES is kept.
"""

from __future__ import annotations

import time
from pathlib import Path

import yaml

from bench.figures import Figure, print_table
from bot.brain.built import BuiltLanguage, build_language
from bot.content.loader import load_library
from bot.language.dialect import speaking
from bot.language.matching.matcher import Matcher

ROOT = Path(__file__).resolve().parent.parent
EVALUATION = ROOT / "bot" / "evaluation" / "data"
PASSES = 5


def evaluation_texts(code: str) -> list[str]:
    """Every labelled text of the language's sets (Norwegian ones are named nb*)."""
    texts = []
    for path in sorted(EVALUATION.rglob("*.yaml")):
        if (code == "nb") != path.name.startswith("nb"):
            continue
        items = yaml.safe_load(path.read_text())
        if isinstance(items, list):
            texts += [item["text"] for item in items if isinstance(item, dict) and "text" in item]
    return list(dict.fromkeys(texts))


def ms_per_match(language: BuiltLanguage, texts: list[str]) -> float:
    matcher = language.matcher
    unremembered = Matcher.match.__wrapped__  # past the per-text memo
    best = float("inf")
    with speaking(language.dialect):
        for _ in range(PASSES):
            matcher._ngrams.similarities.cache_clear()
            matcher._correct.cache_clear()
            began = time.thread_time()
            for text in texts:
                unremembered(matcher, text)
            best = min(best, (time.thread_time() - began) / len(texts) * 1000)
    return best


def measure() -> tuple[list[Figure], list[str]]:
    figures, notes = [], []
    for code, content in load_library(ROOT / "knowledge").items():
        language = build_language(content, code)
        faq = [phrasing for entry in content.faq.values() for phrasing in entry.phrasings]
        labelled = evaluation_texts(code)
        for name, texts in (("FAQ phrasings", faq), ("evaluation texts", labelled)):
            value = ms_per_match(language, texts)
            figures.append(Figure(f"{code}: match, new text, {name}", value, "ms", "-", True))
        notes.append(
            f"{code}: {len(faq)} FAQ phrasings, {len(labelled)} evaluation texts; "
            f"{len(language.matcher._doc_words)} phrasings indexed"
        )
    notes.append(f"thread CPU time, best of {PASSES} passes, caches emptied before each")
    return figures, notes


def main() -> None:
    print_table("Matcher: one match of a text not seen before", *measure())


if __name__ == "__main__":
    main()
