"""Reply latency: `Assistant.reply` for FAQ questions, shipped content and 5,000 synthetic entries.

Run: python -m bench.reply   (prints one table; targets: p99 <= 2 ms shipped, <= 20 ms at 5,000)
"""

from __future__ import annotations

import asyncio
import random
import resource
import statistics
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process, utils

from bot.brain.assistant import Assistant
from bot.brain.services import BrainConfig
from bot.clock import SystemClock
from bot.content.loader import Content, load_content
from bot.content.models import FaqEntry
from bot.store import Store

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC_ENTRIES = 5_000
ROUNDS = 3


def in_scope_questions() -> list[str]:
    items = yaml.safe_load((ROOT / "tests" / "data" / "faq_eval.yaml").read_text())
    return [item["text"] for item in items if item["expect"] not in ("none", "clarify")]


def synthetic_content(content: Content, size: int, seed: int = 7) -> tuple[Content, list[str]]:
    """`size` FAQ entries of random topic words, plus questions that paraphrase some of them."""
    rng = random.Random(seed)
    vocabulary = sorted({w for e in content.faq.values() for p in e.phrasings for w in p.split()})
    vocabulary += [f"topic{n}" for n in range(size)]
    entries, questions = {}, []
    for number in range(size):
        words = [f"topic{number}", *rng.sample(vocabulary, 5)]
        phrasings = [" ".join(rng.sample(words, len(words))) for _ in range(6)]
        entry = FaqEntry(
            id=f"s{number}",
            question=" ".join(words) + "?",
            phrasings=phrasings,
            answer="Synthetic answer.",
        )
        entries[entry.id] = entry
        if number % 25 == 0:
            questions.append("how about " + " ".join(rng.sample(words, 4)))
    return replace(content, faq=entries), questions


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def reply_latencies(content: Content, questions: list[str]) -> tuple[list[float], float]:
    tracemalloc.start()
    started = time.perf_counter()
    store = await Store.open(":memory:")
    assistant = Assistant(content, store, SystemClock(), BrainConfig())
    build_seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    await assistant.reply(1, questions[0])  # warm caches as a running bot would have them
    timings = []
    for _ in range(ROUNDS):
        for number, question in enumerate(questions):
            began = time.perf_counter()
            await assistant.reply(number % 50, question)
            timings.append((time.perf_counter() - began) * 1000)
    await store.close()
    return timings, build_seconds, peak / 2**20


def baseline_latencies(content: Content, questions: list[str]) -> list[float]:
    choices = [entry.question for entry in content.faq.values()]
    timings = []
    for _ in range(ROUNDS):
        for question in questions:
            began = time.perf_counter()
            process.extractOne(
                question, choices, scorer=fuzz.WRatio, processor=utils.default_process
            )
            timings.append((time.perf_counter() - began) * 1000)
    return timings


def main() -> None:
    content = load_content(ROOT / "knowledge")
    shipped_questions = in_scope_questions()
    big, big_questions = synthetic_content(content, SYNTHETIC_ENTRIES)
    rows = []
    for label, kb, questions, target in (
        ("shipped", content, shipped_questions, 2.0),
        (f"{SYNTHETIC_ENTRIES:,} entries", big, big_questions, 20.0),
    ):
        timings, build, peak_mb = asyncio.run(reply_latencies(kb, questions))
        base = baseline_latencies(kb, questions)
        rows.append((label, len(kb.faq), timings, build, peak_mb, base, target))
    print("Assistant.reply latency for FAQ questions (ms; whole pipeline incl. SQLite state)")
    print(
        f"{'knowledge base':<16}{'entries':>8}{'median':>9}{'p99':>9}{'target p99':>12}"
        f"{'index build':>13}{'index peak':>12}{'baseline med':>14}{'baseline p99':>14}"
    )
    for label, entries, timings, build, peak_mb, base, target in rows:
        p99 = percentile(timings, 0.99)
        verdict = "ok" if p99 <= target else "MISSED"
        print(
            f"{label:<16}{entries:>8}{statistics.median(timings):>9.3f}{p99:>9.3f}"
            f"{f'<= {target:g} {verdict}':>12}{build:>12.2f}s{peak_mb:>10.1f}MB"
            f"{statistics.median(base):>14.3f}{percentile(base, 0.99):>14.3f}"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {rss:.0f} MB")


if __name__ == "__main__":
    main()
