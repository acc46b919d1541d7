"""Safety screen latency: rules, crisis screen and check-in, and the n-gram neighbours.

Run: python -m bench.screen   (target: p99 <= 2 ms per message). Messages come from the tune
blind set (never the holdout), so the figure reflects messages as people type them.
"""

from __future__ import annotations

import time
from pathlib import Path

import yaml

from bench.figures import Figure, percentile, print_table
from bot.content.loader import load_content
from bot.language.triage.neighbours import Neighbours
from bot.language.triage.triage import Triage

ROOT = Path(__file__).resolve().parent.parent
TUNE = ROOT / "bot/evaluation/data/blind/safety_tune.yaml"


def measure() -> tuple[list[Figure], list[str]]:
    content = load_content(ROOT / "knowledge")
    triage, neighbours = Triage(content.safety), Neighbours(content.safety.net)
    texts = [item["text"] for item in yaml.safe_load(TUNE.read_text(encoding="utf-8"))]
    timings = []
    for _ in range(3):
        for text in texts:
            started = time.perf_counter()
            triage.assess(text)
            triage.crisis.check_in(text)
            neighbours.nearest(text)
            timings.append((time.perf_counter() - started) * 1000)
    p99 = percentile(timings, 0.99)
    timings.sort()
    figures = [
        Figure("screen (rules + crisis + neighbours): median", timings[len(timings) // 2], "ms",
               "-", True),
        Figure("screen (rules + crisis + neighbours): p99", p99, "ms", "<= 2", p99 <= 2),
    ]  # fmt: skip
    return figures, [f"{len(texts)} messages x 3 rounds"]


if __name__ == "__main__":
    figures, notes = measure()
    print_table("Safety screen", figures, notes)
