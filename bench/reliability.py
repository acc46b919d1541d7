"""Reliability figures: reminders lost/doubled over random SIGKILLs, replies per second to many
users with a slow Bot API (rate limiter on and off), and the slowest single update found.

Run: python -m bench.reliability
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import tempfile
import time
from collections import Counter
from pathlib import Path

from telegram import Update

from bench.figures import Figure, print_table
from bench.updates import TOKEN, RecordingRequest, faq_questions
from bot.faces.telegram.app import build_application
from bot.model.reminders import UNCONFIRMED
from bot.settings import Settings
from harness.bot_process import bot_environment, bot_log, start_bot
from harness.fake_bot_api import FakeBotAPI
from harness.overdue import reminders, seed_many_overdue, settled, statuses
from harness.updates import message_update

KILLS = 10
DUE = 300
USERS = 100
MESSAGES_PER_USER = 3
LATENCY = 0.1

HOSTILE = [
    "/remind mon 18:30 " + "abcdefghij klmnopqrst " * 200,
    "/remind mon 18:30 " + "x" * 4000,
    "/remind mon,tue,wed,thu,fri,sat,sun 18:30 " + "new york " * 400,
    "my back hurts " * 300,
    "I can't feel my legs and " * 150,
    "a" * 4096,
    "? " * 2000,
    " ".join(f"word{n}" for n in range(700)),
    "/start " + "é" * 4000,
    "how often should i exercise " * 140,
]


class SlowRequest(RecordingRequest):
    """The recording request with `LATENCY` seconds to every send, as a far-away Bot API."""

    async def do_request(self, url, method, request_data=None, **timeouts):
        if url.endswith(("/sendMessage", "/sendDocument")):
            await asyncio.sleep(LATENCY)
        return await super().do_request(url, method, request_data, **timeouts)


def _settings(folder: Path, name: str) -> Settings:
    return Settings(
        _env_file=None,
        telegram_bot_token=TOKEN,
        database_url=f"sqlite:///{folder / name}",
        log_level="WARNING",
    )


async def replies_per_second(folder: Path, rate_limited: bool, all_new: bool = False) -> float:
    """USERS users write MESSAGES_PER_USER messages each, all at once, through the update queue
    and the PerUserProcessor; sends take LATENCY. Replies (sendMessage) per second until done.

    Neighbouring users ask overlapping questions (about a third of the texts are distinct, as
    when many people ask the FAQ's questions); `all_new` makes every text one not seen before,
    so nothing the matcher and the screen remember helps."""
    request = SlowRequest()
    name = f"rps-{rate_limited}-{all_new}.sqlite3"
    application = build_application(
        _settings(folder, name), request=request, rate_limited=rate_limited
    )
    questions = faq_questions()
    async with application:
        await application.post_init(application)
        await application.start()
        before = request.calls["sendMessage"]
        started = time.perf_counter()
        update_id = 1
        for round_number in range(MESSAGES_PER_USER):
            for user in range(1, USERS + 1):
                shift = round_number * USERS if all_new else round_number
                text = questions[(user + shift) % len(questions)]
                update = Update.de_json(
                    message_update(update_id, user, text, first_name="Bench"), application.bot
                )
                await application.update_queue.put(update)
                update_id += 1
        target = USERS * MESSAGES_PER_USER
        while request.calls["sendMessage"] - before < target:  # noqa: ASYNC110 - a poll
            await asyncio.sleep(0.01)
        elapsed = time.perf_counter() - started
        await application.stop()
        await application.post_shutdown(application)
    return target / elapsed


async def slowest_update(folder: Path) -> tuple[float, str]:
    """The longest single process_update over the hostile messages (ms), and which one."""
    application = build_application(
        _settings(folder, "slow.sqlite3"), request=RecordingRequest(), rate_limited=False
    )
    worst, which = 0.0, ""
    async with application:
        await application.post_init(application)
        for n, text in enumerate(HOSTILE * 2):
            update = Update.de_json(
                message_update(n + 1, 10_000 + n, text, first_name="Bench"), application.bot
            )
            began = time.perf_counter()
            await application.process_update(update)
            took = (time.perf_counter() - began) * 1000
            if took > worst:
                worst, which = took, text[:40]
        await application.post_shutdown(application)
    return worst, which


def kills_during_due_sends(folder: Path, seed: int = 13) -> tuple[int, int, int, int]:
    """DUE reminders due; the real bot is SIGKILLed KILLS times at random moments while sending,
    then runs until every reminder has ended. (lost, doubled, unconfirmed, sent) by chat."""
    database = folder / "kills.sqlite3"
    users = seed_many_overdue(database, DUE)
    api = FakeBotAPI().start()
    rng = random.Random(seed)
    env = bot_environment(api, database, reminder_tick_seconds="0.3", log_level="WARNING")
    try:
        for _ in range(KILLS):
            process = start_bot(env, folder, "run")
            goal = len(reminders(api)) + rng.randint(1, DUE // KILLS)
            _run_until(lambda g=goal: len(reminders(api)) >= g, process, folder, database)
            process.send_signal(signal.SIGKILL)
            process.wait()
        process = start_bot(env, folder, "run")
        _run_until(lambda: False, process, folder, database, timeout=60)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    finally:
        api.stop()
    received = Counter(m["chat_id"] for m in reminders(api))
    lost = len(set(users) - set(received))
    doubled = sum(n - 1 for n in received.values() if n > 1)
    unconfirmed = statuses(database).get(UNCONFIRMED, 0)
    return lost, doubled, unconfirmed, sum(received.values())


def _run_until(goal, process, folder: Path, database: Path, timeout: float = 30) -> None:
    """Until `goal()` or every reminder has ended (or `timeout`); the bot must stay up."""
    deadline = time.monotonic() + timeout
    while not (goal() or settled(database, DUE)) and time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the bot exited ({process.returncode}):\n{bot_log(folder)}")
        time.sleep(0.005)


def measure() -> tuple[list[Figure], list[str]]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        lost, doubled, unconfirmed, sent = kills_during_due_sends(folder)
        limited = asyncio.run(replies_per_second(folder, rate_limited=True))
        unlimited = asyncio.run(replies_per_second(folder, rate_limited=False))
        unlimited_new = asyncio.run(replies_per_second(folder, rate_limited=False, all_new=True))
        worst, which = asyncio.run(slowest_update(folder))
    figures = [
        Figure(
            f"reminders doubled ({KILLS} SIGKILLs, {DUE} due)", doubled, "", "== 0", doubled == 0
        ),
        Figure("reminders lost", lost, "", "<= unconf.", lost <= unconfirmed),
        Figure("  recorded unconfirmed (request had left)", unconfirmed, "", "-", True),
        Figure(
            f"replies/s, {USERS} users, 100 ms API, limiter",
            limited,
            "/s",
            "~30",
            20 <= limited <= 31,
        ),
        Figure("replies/s, same, limiter off", unlimited, "/s", ">= 300", unlimited >= 300),
        Figure("  limiter off, every text new", unlimited_new, "/s", "-", True),
        Figure("slowest single update", worst, "ms", "<= 50", worst <= 50),
    ]
    notes = [
        f"kills: {sent} reminders received for {DUE} due; of the {unconfirmed} unconfirmed, "
        f"{unconfirmed - lost} had in fact arrived",
        f"replies: {USERS} users x {MESSAGES_PER_USER} messages through the update queue "
        f"({USERS + MESSAGES_PER_USER - 1} distinct texts; 'every text new': all distinct)",
        f"slowest update was {which!r}...",
        "load average (1, 5, 15 min) at the end: "
        + ", ".join(f"{load:.1f}" for load in os.getloadavg())
        + f" on {os.cpu_count()} CPUs (replies/s is CPU-bound: other work lowers it)",
    ]
    return figures, notes


def main() -> None:
    print_table("Reliability: crashes, concurrency, hostile input", *measure())


if __name__ == "__main__":
    main()
