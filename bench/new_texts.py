"""CPU time of Assistant.reply for texts it has never seen, where the replies/s figure with
"every text new" (bench/reliability.py) spends most of its time, without python-telegram-bot.

Run: python -m bench.new_texts [--profile] [--folder DIR]
A fresh assistant reads the built languages from the build cache in DIR (built there first if
need be; a temporary folder by default, which costs one build), then answers FAQ phrasings it
has not seen in three batches: the first while every word is new to the process as well, the
next two with the words known, then the first batch again (each text remembered). CPU time, not
wall time, so that other work on a shared machine counts less. --profile adds cProfile's
largest cumulative costs over the first two batches.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import tempfile
import time
from pathlib import Path

from bench.figures import Figure, print_table
from bot.brain.assistant import Assistant
from bot.brain.build_cache import load_built_library
from bot.brain.services import BrainConfig
from bot.model.clock import SystemClock
from bot.store import Store

ROOT = Path(__file__).resolve().parent.parent
BATCH = 300
"""As many texts as the replies/s benchmark sends (100 users x 3 messages)."""


async def cpu_per_reply(folder: Path, profile: cProfile.Profile | None) -> list[tuple[str, float]]:
    library = load_built_library(ROOT / "knowledge", folder)
    texts = [p for entry in library["en"].faq.values() for p in entry.phrasings]
    store = await Store.open(":memory:")
    assistant = Assistant(library, store, SystemClock(), BrainConfig())
    batches = (
        ("every word new to the process", texts[1 : BATCH + 1], True),
        ("new texts, words seen before", texts[BATCH + 1 : 2 * BATCH + 1], True),
        ("new texts, words seen before (2)", texts[2 * BATCH + 1 : 3 * BATCH + 1], False),
        ("the first texts again, new users", texts[1 : BATCH + 1], False),
    )
    results = []
    for label, batch, profiled in batches:
        if profile is not None and profiled:
            profile.enable()
        began = time.process_time()
        for number, text in enumerate(batch):
            await assistant.reply(10_000 + number, text, language_code="en")
        results.append((label, (time.process_time() - began) * 1000 / len(batch)))
        if profile is not None:
            profile.disable()
    await store.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    profile = cProfile.Profile() if args.profile else None
    with tempfile.TemporaryDirectory() as temporary:
        results = asyncio.run(cpu_per_reply(args.folder or Path(temporary), profile))
    figures = [Figure(label, ms, "ms", "-", True) for label, ms in results]
    notes = [f"{BATCH} English FAQ phrasings per batch; CPU ms per reply (time.process_time)"]
    print_table("Assistant.reply, texts never seen before (CPU time)", figures, notes)
    if profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
