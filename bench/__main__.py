"""`python -m bench`: every benchmark of the project in one table, each row with its target.

Runs, in order: reply latency (bench.reply), the Telegram face (bench.updates), reminders
(bench.reminders), PostgreSQL (bench.postgres), reliability (bench.reliability), start-up
against a bare bot (bench.startup_ratio), the safety screen (bench.screen) and the pictures
(bench.pictures). Takes a few minutes on a 2-core machine; exit code 1 if a target is missed.
Suite names as arguments run only those: `python -m bench postgres`.
"""

from __future__ import annotations

import sys
import time

from bench import (
    pictures,
    postgres,
    reliability,
    reminders,
    reply,
    screen,
    startup_ratio,
    updates,
)
from bench.figures import Figure, print_table

SUITES = {
    "reply": ("Assistant.reply for FAQ questions (whole pipeline incl. SQLite)", reply.measure),
    "updates": ("Telegram face: the real python-telegram-bot Application", updates.measure),
    "reminders": ("Reminders: 100,000 subscriptions in SQLite", reminders.measure),
    "postgres": (
        "PostgreSQL beside SQLite: 1,000,000 subscriptions, 1, 2 and 4 instances",
        postgres.measure,
    ),
    "reliability": (
        "Reliability: SIGKILLs, concurrency, the slowest single update",
        reliability.measure,
    ),
    "startup": (
        "Start-up and memory against a bare python-telegram-bot bot",
        startup_ratio.measure,
    ),
    "screen": ("Safety screen per message (rules, crisis, neighbours)", screen.measure),
    "pictures": (
        "Pictures: exercises drawn from their poses, the progress chart",
        pictures.measure,
    ),
}


def main(names: list[str]) -> int:
    """Every suite, or only those named (`python -m bench postgres reminders`)."""
    unknown = [name for name in names if name not in SUITES]
    if unknown:
        print(f"unknown suite(s) {', '.join(unknown)}; choose from {', '.join(SUITES)}")
        return 2
    all_figures: list[Figure] = []
    for title, measure in (SUITES[name] for name in names or SUITES):
        started = time.perf_counter()
        print(f"running: {title} ...", file=sys.stderr, flush=True)
        figures, notes = measure()
        notes.append(f"took {time.perf_counter() - started:.0f} s")
        print_table(title, figures, notes)
        print()
        all_figures += figures
    missed = [f.name.strip() for f in all_figures if f.target != "-" and not f.met]
    print("all targets met" if not missed else f"MISSED: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
