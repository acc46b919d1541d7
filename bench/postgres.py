"""PostgreSQL beside SQLite: reminders at 1,000,000 subscriptions, start-up, user turns through
the store with 1, 2 and 4 instances, and the send rate 1, 2 and 4 instances hold together (one
SQLite instance beside each).

`python -m bench.postgres` (or `python -m bench postgres`) runs it alone. The server is a
throwaway cluster (harness/postgres.py) with fsync on, as in production.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import asyncpg

from bench.figures import Figure, print_table
from bench.processes import in_processes
from bench.reminders import TOKEN, tick_times, typical_schedules
from bench.shared_sends import BURST, shared_sends
from bench.startup import start_and_measure
from bot.model.schedule import Schedule, first_slot_after
from bot.store import StaleState, Store
from bot.store.pace import PER_SECOND
from harness.bot_process import bot_environment, bot_log
from harness.fake_bot_api import FakeBotAPI
from harness.postgres import PostgresServer

SUBSCRIPTIONS = 1_000_000
START_RUNS = 3
TURN_SECONDS = 4.0
TURN_TASKS = 8
"""Concurrent users per instance (one task each, load → change → save, retried when stale);
each instance has its own users. Contention on one user is the multi-instance test's part."""
SEND_INSTANCES = (1, 2, 4)


async def seed(url: str, count: int, seeded_at: datetime) -> None:
    """Users and subscriptions by COPY (a plain connection: the store's text codecs are for the
    repositories). Slots are computed once per distinct schedule."""
    schedules = typical_schedules(count)
    slots: dict[Schedule, tuple[datetime, str]] = {}
    for schedule in set(schedules):
        slot = first_slot_after(schedule, seeded_at)
        slots[schedule] = (slot.due, slot.key)
    store = await Store.open(url)  # migrates
    await store.close()
    connection = await asyncpg.connect(url)
    try:
        first = 9_000_000_000
        await connection.copy_records_to_table(
            "users",
            columns=["user_id", "chat_id", "created_at", "updated_at"],
            records=((first + n, first + n, seeded_at, seeded_at) for n in range(count)),
        )
        await connection.copy_records_to_table(
            "subscriptions",
            columns=[
                "user_id",
                "chat_id",
                "days",
                "local_time",
                "timezone",
                "next_due_utc",
                "next_slot",
                "created_at",
                "updated_at",
            ],
            records=(
                (
                    first + n,
                    first + n,
                    schedule.days_text,
                    schedule.time_text,
                    schedule.timezone,
                    *slots[schedule],
                    seeded_at,
                    seeded_at,
                )
                for n, schedule in enumerate(schedules)
            ),
        )
        await connection.execute("ANALYZE")
    finally:
        await connection.close()


def start_up(url: str, folder: Path) -> tuple[float, list[float]]:
    """Seconds from process start to its first reminder tick, on PostgreSQL: the first start
    (which builds the languages and writes the build cache, as after a deploy), then restarts
    (which read it), the figure."""
    seconds = []
    for _ in range(1 + START_RUNS):
        api = FakeBotAPI(token=TOKEN).start()
        try:
            env = bot_environment(api, folder / "unused", log_level="DEBUG", database_url=url)
            ready, _ = start_and_measure(
                env, folder, ready=lambda: "reminder tick:" in bot_log(folder)
            )
        finally:
            api.stop()
        seconds.append(ready)
    return seconds[0], seconds[1:]


def _turns_in_child(target: str, first_user: int, seconds: float) -> tuple[int, int]:
    return asyncio.run(_turns(target, first_user, seconds))


async def _turns(target: str, first_user: int, seconds: float) -> tuple[int, int]:
    """(turns saved, stale retries) in `seconds`: each task is one user changing their state."""
    store = await Store.open(target)
    done = stale = 0
    deadline = time.perf_counter() + seconds

    async def user(user_id: int) -> None:
        nonlocal done, stale
        while time.perf_counter() < deadline:
            state = await store.users.load(user_id, chat_id=user_id)
            state.pending_data = {"n": state.pending_data.get("n", 0) + 1}
            try:
                await store.users.save(state, datetime.now(UTC))
                done += 1
            except StaleState:
                stale += 1

    try:
        await asyncio.gather(*(user(first_user + n) for n in range(TURN_TASKS)))
    finally:
        await store.close()
    return done, stale


def turns_per_second(target: str, instances: int) -> tuple[float, int]:
    outcomes = in_processes(
        _turns_in_child,
        [(target, 100 + 1000 * n, TURN_SECONDS) for n in range(instances)],
        timeout=120,
    )
    return sum(done for done, _ in outcomes) / TURN_SECONDS, sum(s for _, s in outcomes)


def measure() -> tuple[list[Figure], list[str]]:
    server = PostgresServer(durable=True).start()
    try:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            url = server.create_database("reminders")
            seeded_at = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
            began = time.perf_counter()
            asyncio.run(seed(url, SUBSCRIPTIONS, seeded_at))
            seeding = time.perf_counter() - began
            ticks = asyncio.run(tick_times(url, seeded_at))
            busy, idle, found = ticks.busy, ticks.idle, ticks.found
            first_start, ready = start_up(url, folder)
            sqlite_file = str(folder / "turns.sqlite3")
            turn_rates = {"sqlite 1": turns_per_second(sqlite_file, 1)}
            turns_url = server.create_database("turns")
            for instances in (1, 2, 4):
                turn_rates[f"postgresql {instances}"] = turns_per_second(turns_url, instances)
            sends = {"sqlite 1": shared_sends(str(folder / "sends.sqlite3"), 1)}
            for instances in SEND_INSTANCES:
                sends[f"postgresql {instances}"] = shared_sends(
                    server.create_database(f"sends{instances}"), instances
                )
    finally:
        server.stop()
    figures = [
        Figure("due query (tick), slots falling due", statistics.median(busy), "ms", "-", True),
        Figure(
            "due query (tick), nothing due",
            statistics.median(idle),
            "ms",
            "<= 50",
            statistics.median(idle) <= 50,
        ),
        Figure(
            "start-up to first tick, 1M subscriptions",
            statistics.median(ready),
            "s",
            "<= 2",
            max(ready) <= 2,
        ),
    ]
    for name, (per_second, _) in turn_rates.items():
        figures.append(Figure(f"user turns/s, store, {name}", per_second, "/s", "-", True))
    for name, (rate, too_many, _) in sends.items():
        figures += [
            Figure(f"sends/s in total, {name}", rate, "/s", "~30", rate >= 27),
            Figure("  429 answers", too_many, "", "0", too_many == 0),
        ]
    notes = [
        f"{SUBSCRIPTIONS:,} subscriptions copied in {seeding:.1f} s; quarter-hour ticks found "
        f"{statistics.median(found):.0f} due (median, max {max(found)}), slowest busy tick "
        f"{max(busy):.0f} ms (turning ~{statistics.median(found):.0f} slots into deliveries)",
        f"start-up runs: {', '.join(f'{s:.2f}' for s in ready)} s, reading the build cache; "
        f"the first start, building it: {first_start:.2f} s",
        "turns: "
        + "; ".join(
            f"{name}: {stale} stale saves retried" for name, (_, stale) in turn_rates.items()
        )
        + f" ({TURN_TASKS} users per instance, each turn a load and a save; the machine's 2 "
        "cores also run the server and the other instances)",
        f"sends: a burst of {BURST} due at once; per instance "
        + "; ".join(f"{name}: {shares}" for name, (_, _, shares) in sends.items())
        + f"; the shared clock spaces turns 1/{PER_SECOND} s and each send holds one of "
        f"{PER_SECOND} permits until a second after its answer (bot/store/pace.py)",
    ]
    return figures, notes


if __name__ == "__main__":
    figures, notes = measure()
    print_table("PostgreSQL", figures, notes)
    sys.exit(0 if all(f.met for f in figures) else 1)
