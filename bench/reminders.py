"""Reminders at scale: one tick over 100,000 subscriptions, start-up, memory, send throughput.

Run: python -m bench.reminders   (targets: tick <= 50 ms and its longest event-loop hold <= 50 ms,
start-up <= 2 s, peak RSS <= 150 MB, ~30 sends/s with the rate limiter and not one 429,
>= 500 sends/s without it)

Tick: 100,000 subscriptions (3 or 4 days a week, a quarter-hour between 06:00 and 21:45, in six
timezones) in a SQLite file. A tick = `materialize_due` of reminders and of weekly summaries
(turn due slots into delivery rows and move the schedules on) plus the first `pending` batch,
timed at quarter-hour boundaries, when slots fall due, and in between, when nothing does; the
batch is taken as the dispatcher takes it, handed to a registered sender. Between ticks the
batch is marked sent. Two figures per tick: its wall time (the database thread's work
included), and the longest the tick held the event loop: the longest a probe task that asks to
wake every millisecond waited beyond that millisecond while the tick ran (the Python work between
the tick's awaits, plus whatever the database thread kept the GIL for).

Start-up and memory: `run_bot.py run` as a child process on that database against the fake Bot
API of the tests; ready = its first reminder tick logged; peak RSS = VmHWM from /proc.

Throughput: the real PTB bot over HTTP to the fake Bot API (answering at once, in a child process,
with persistent connections like Telegram's) sends a burst of reminders all due in the same minute
through `ReminderDispatcher`. With the limiter on, the fake API answers 429 to a send beyond 30 in
any one-second window and counts them; with it off, the fake API does not limit either, to show
what the bot itself can do.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from bench.figures import Figure, print_table
from bench.startup import start_and_measure
from bot.faces.telegram.app import build_application
from bot.faces.telegram.delivery import ReminderDispatcher, reminder_sender
from bot.model.clock import FakeClock
from bot.model.schedule import Schedule, first_slot_after
from bot.runtime import open_runtime
from bot.settings import Settings
from bot.store import Store
from bot.store.reminders import stamp
from harness.bot_process import bot_environment, bot_log
from harness.fake_bot_api import FakeBotAPI

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:BENCH-token-never-real"
SUBSCRIPTIONS = 100_000
ZONES = (
    "Europe/Oslo",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Australia/Sydney",
)
GRACE = timedelta(hours=2)
TICKS = 24
PROBE_EVERY = 0.001
START_RUNS = 3
LIMITED_BURST, LIMITED_ROUNDS = 150, 3
UNLIMITED_BURST, UNLIMITED_ROUNDS = 2_000, 3


# -- data ---------------------------------------------------------------------------------------


async def seed(path: Path, schedules: list[Schedule], now: datetime) -> None:
    """Users and subscriptions written in one transaction; next slots from the schedule module."""
    store = await Store.open(path)
    try:
        users, subscriptions = [], []
        for user_id, schedule in enumerate(schedules, start=1):
            slot = first_slot_after(schedule, now)
            users.append((user_id, user_id, stamp(now), stamp(now)))
            subscriptions.append(
                (
                    user_id,
                    user_id,
                    schedule.days_text,
                    schedule.time_text,
                    schedule.timezone,
                    stamp(slot.due),
                    slot.key,
                    stamp(now),
                    stamp(now),
                )
            )
        async with store.db.transaction() as db:
            await db.executemany(
                "INSERT INTO users (user_id, chat_id, created_at, updated_at) VALUES (?, ?, ?, ?)",
                users,
            )
            await db.executemany(
                "INSERT INTO subscriptions (user_id, chat_id, days, local_time, timezone, "
                "next_due_utc, next_slot, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                subscriptions,
            )
    finally:
        await store.close()


def typical_schedules(count: int, seed_value: int = 5) -> list[Schedule]:
    rng = random.Random(seed_value)
    quarter_hours = [
        clock_time(hour, minute) for hour in range(6, 22) for minute in (0, 15, 30, 45)
    ]
    return [
        Schedule(
            frozenset(rng.sample(range(7), rng.choice((3, 4)))),
            rng.choice(quarter_hours),
            rng.choice(ZONES),
        )
        for _ in range(count)
    ]


# -- one tick -----------------------------------------------------------------------------------


@dataclass
class TickTimes:
    """Milliseconds of busy ticks (at quarter hours) and idle ticks, the longest hold of the
    event loop in each busy tick, and how many slots each busy tick found due."""

    busy: list[float] = field(default_factory=list)
    idle: list[float] = field(default_factory=list)
    busy_holds: list[float] = field(default_factory=list)
    found: list[int] = field(default_factory=list)


class LoopProbe:
    """A task that asks to wake every PROBE_EVERY: how much later than that it woke is how long
    something else held the event loop (measured from its own wake-ups, not from the tick's
    code, so nothing the tick does between awaits can hide)."""

    def __init__(self) -> None:
        self.longest = 0.0

    async def __aenter__(self) -> LoopProbe:
        self._task = asyncio.create_task(self._watch())
        await asyncio.sleep(0)  # running before the work starts
        return self

    async def __aexit__(self, *exc_info) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    async def _watch(self) -> None:
        while True:
            began = time.perf_counter()
            await asyncio.sleep(PROBE_EVERY)
            late = time.perf_counter() - began - PROBE_EVERY
            self.longest = max(self.longest, late * 1000)


async def tick_times(path: Path | str, start: datetime) -> TickTimes:
    """Every tick as the dispatcher runs it: due slots materialised, the first batch handed out."""
    store = await Store.open(path)
    times = TickTimes()
    owner = "bench:1:tick"
    try:
        reminders = store.reminders
        await reminders.register_sender(owner, "bench", 1, start)
        for number in range(1, TICKS + 1):
            boundary = start + timedelta(minutes=15 * number)
            for moment, kind in (
                (boundary, times.busy),
                (boundary + timedelta(seconds=20), times.idle),
            ):
                async with LoopProbe() as probe:
                    began = time.perf_counter()
                    materialized = await reminders.materialize_due(moment, GRACE)
                    await store.summaries.materialize_due(moment, GRACE)  # as Outbox.come_due
                    await reminders.pending(moment, 200, owner)
                    kind.append((time.perf_counter() - began) * 1000)
                if kind is times.busy:
                    times.found.append(materialized.due)
                    times.busy_holds.append(probe.longest)
                async with store.db.transaction() as db:  # sent, as far as the next tick cares
                    await db.execute("UPDATE deliveries SET status = 'sent' WHERE status = 'due'")
    finally:
        await store.close()
    return times


# -- start-up and memory ------------------------------------------------------------------------


def start_up(path: Path, folder: Path) -> tuple[list[float], list[float]]:
    """Seconds from process start to its first reminder tick, and peak RSS in MB."""
    ready_seconds, peak_mb = [], []
    for _ in range(START_RUNS):
        api = FakeBotAPI(token=TOKEN).start()
        try:
            seconds, peak = start_and_measure(
                bot_environment(api, path, log_level="DEBUG"),
                folder,
                ready=lambda: "reminder tick:" in bot_log(folder),
                memory_field="VmHWM",
            )
        finally:
            api.stop()
        ready_seconds.append(seconds)
        peak_mb.append(peak)
    return ready_seconds, peak_mb


# -- send throughput ----------------------------------------------------------------------------


async def throughput(
    folder: Path, rate_limited: bool, burst: int, rounds: int
) -> tuple[list[float], int]:
    """Sends per second of each round (a burst all due at once), and the 429s the API gave."""
    path = folder / f"throughput-{rate_limited}.sqlite3"
    seeded_at = datetime(2026, 1, 5, 0, 0, tzinfo=UTC)  # a Monday
    everyday = Schedule(frozenset(range(7)), clock_time(18, 0), "Europe/Oslo")
    await seed(path, [everyday] * burst, seeded_at)
    with FakeApiProcess(limit=30 if rate_limited else None) as api:  # off: the bot alone
        settings = Settings(
            _env_file=None,
            telegram_bot_token=TOKEN,
            telegram_api_base_url=api.base_url,
            database_url=f"sqlite:///{path}",
            log_level="WARNING",
            metrics_port=0,
        )
        clock = FakeClock(seeded_at)
        runtime = await open_runtime(settings, clock=clock)
        application = build_application(settings, clock=clock, rate_limited=rate_limited)
        rates = []
        try:
            async with application:
                dispatcher = ReminderDispatcher(  # as start_reminders builds it
                    runtime.assistant, send=reminder_sender(application.bot), gated=True
                )
                for day in range(rounds):
                    clock.set(datetime(2026, 1, 5 + day, 17, 0, tzinfo=UTC))  # 18:00 in Oslo
                    began = time.perf_counter()
                    report = await dispatcher.run_once()
                    elapsed = time.perf_counter() - began
                    if report.count("sent") != burst:
                        raise RuntimeError(f"only {report} of a burst of {burst}")
                    rates.append(burst / elapsed)
        finally:
            await runtime.close()
    return rates, api.too_many_requests


class FakeApiProcess:
    """The tests' fake Bot API in a child process, so that it does not share the bot's GIL, with
    persistent connections as Telegram has; `limit` = 429 beyond that many sends a second."""

    def __init__(self, limit: int | None):
        self._args = [sys.executable, "-m", "bench.reminders", "serve-fake-api", str(limit or 0)]
        self.too_many_requests = 0

    def __enter__(self) -> FakeApiProcess:
        self._process = subprocess.Popen(
            self._args, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.base_url = self._process.stdout.readline().strip()
        return self

    def __exit__(self, *exc_info) -> None:
        output, _ = self._process.communicate("", timeout=30)
        self.too_many_requests = int(output.strip() or 0)


def serve_fake_api(limit: int) -> None:
    """The child side: print the base URL, serve until stdin closes, print the 429 count."""
    api = FakeBotAPI(token=TOKEN, keep_alive=True)
    api.max_sends_per_second = limit or None
    api.start()
    print(api.base_url, flush=True)
    sys.stdin.read()
    api.stop()
    print(api.too_many_requests, flush=True)


# -- the table ----------------------------------------------------------------------------------


def measure() -> tuple[list[Figure], list[str]]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "reminders.sqlite3"  # the tick moves schedules past now: start-up is idle
        seeded_at = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        began = time.perf_counter()
        asyncio.run(seed(path, typical_schedules(SUBSCRIPTIONS), seeded_at))
        seeding = time.perf_counter() - began
        ticks = asyncio.run(tick_times(path, seeded_at))
        busy, idle, found = ticks.busy, ticks.idle, ticks.found
        ready, peak = start_up(path, folder)
        limited, limited_429 = asyncio.run(throughput(folder, True, LIMITED_BURST, LIMITED_ROUNDS))
        unlimited, _ = asyncio.run(throughput(folder, False, UNLIMITED_BURST, UNLIMITED_ROUNDS))
    limited_rate, unlimited_rate = statistics.median(limited), statistics.median(unlimited)
    figures = [
        Figure(
            "tick, slots falling due",
            statistics.median(busy),
            "ms",
            "<= 50",
            statistics.median(busy) <= 50,
        ),
        Figure(
            "longest event-loop hold, busy tick",
            max(ticks.busy_holds),
            "ms",
            "<= 50",
            max(ticks.busy_holds) <= 50,
        ),
        Figure(
            "tick, nothing due",
            statistics.median(idle),
            "ms",
            "<= 50",
            statistics.median(idle) <= 50,
        ),
        Figure("start-up to first tick", statistics.median(ready), "s", "<= 2", max(ready) <= 2),
        Figure("peak memory (RSS)", statistics.median(peak), "MB", "<= 150", max(peak) <= 150),
        Figure("sends/s, rate limiter on", limited_rate, "/s", "~30", 25 <= limited_rate <= 30),
        Figure("  429 answers", limited_429, "", "0", limited_429 == 0),
        Figure("sends/s, rate limiter off", unlimited_rate, "/s", ">= 500", unlimited_rate >= 500),
    ]
    notes = [
        f"{SUBSCRIPTIONS:,} subscriptions seeded in {seeding:.1f} s; {TICKS} quarter-hour ticks "
        f"found {statistics.median(found):.0f} due (median, max {max(found)}); "
        f"slowest busy tick {max(busy):.1f} ms; event-loop holds in busy ticks: median "
        f"{statistics.median(ticks.busy_holds):.1f} ms, longest {max(ticks.busy_holds):.1f} ms",
        f"start-up runs: {', '.join(f'{s:.2f}' for s in ready)} s; "
        f"peak RSS: {', '.join(f'{m:.0f}' for m in peak)} MB",
        f"limiter on: {LIMITED_ROUNDS} bursts of {LIMITED_BURST}: "
        f"{', '.join(f'{r:.1f}' for r in limited)} /s",
        f"limiter off: {UNLIMITED_ROUNDS} bursts of {UNLIMITED_BURST:,}: "
        f"{', '.join(f'{r:,.0f}' for r in unlimited)} /s (the fake API's 30/s limit is off too)",
    ]
    return figures, notes


def main() -> None:
    if sys.argv[1:2] == ["serve-fake-api"]:
        serve_fake_api(int(sys.argv[2]))
        return
    print_table("Reminders: 100,000 subscriptions in SQLite", *measure())


if __name__ == "__main__":
    main()
