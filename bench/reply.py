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

from bench.figures import Figure, percentile, print_table
from bot.brain.assistant import Assistant
from bot.brain.services import BrainConfig
from bot.content.loader import Content, load_content
from bot.content.models import FaqEntry
from bot.model.clock import SystemClock
from bot.store import Store

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC_ENTRIES = 5_000
ROUNDS = 3


def in_scope_questions() -> list[str]:
    items = yaml.safe_load((ROOT / "bot" / "evaluation" / "data" / "faq_eval.yaml").read_text())
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


def measure() -> tuple[list[Figure], list[str]]:
    """Reply latency on the shipped content and on 5,000 synthetic entries, with the baseline."""
    content = load_content(ROOT / "knowledge")
    big, big_questions = synthetic_content(content, SYNTHETIC_ENTRIES)
    figures, notes = [], []
    for label, kb, questions, target in (
        ("shipped", content, in_scope_questions(), 2.0),
        (f"{SYNTHETIC_ENTRIES:,} entries", big, big_questions, 20.0),
    ):
        timings, build, peak_mb = asyncio.run(reply_latencies(kb, questions))
        base = baseline_latencies(kb, questions)
        p99 = percentile(timings, 0.99)
        figures += [
            Figure(f"reply latency, {label}: median", statistics.median(timings), "ms", "-", True),
            Figure(f"reply latency, {label}: p99", p99, "ms", f"<= {target:g}", p99 <= target),
            Figure(f"  naive baseline, {label}: median", statistics.median(base), "ms", "-", True),
            Figure(f"  naive baseline, {label}: p99", percentile(base, 0.99), "ms", "-", True),
        ]
        notes.append(
            f"{label}: {len(kb.faq):,} FAQ entries, {len(questions)} questions x {ROUNDS} rounds; "
            f"brain built in {build:.2f} s, index peak {peak_mb:.1f} MB (tracemalloc)"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    notes.append(f"peak RSS of this process: {rss:.0f} MB; baseline = extractOne(WRatio)")
    return figures, notes


def main() -> None:
    print_table("Assistant.reply for FAQ questions (whole pipeline incl. SQLite)", *measure())


if __name__ == "__main__":
    main()
