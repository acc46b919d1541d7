"""Updates handled per second through the real Application, start-up to ready, and idle memory.

Run: python -m bench.updates   (targets: >= 1,000 FAQ messages/s on one core, ready <= 1.5 s,
idle RSS <= 100 MB)

Throughput: the Application that `bot.faces.telegram.app.build_application` assembles (handlers,
flood guard, brain, SQLite file in a temporary folder) with a recording request object in place of
HTTP, and without the outgoing rate limiter, which caps sends at ~30/s by design and would only
measure itself. Updates are decoded from JSON and handed to `process_update` one at a time, as
the update fetcher does. The process is pinned to one CPU, the brain's SQLite thread included.

Start-up and memory: `run_bot.py run` as a child process against the fake Bot API of the tests.
Ready = its first getUpdates call; RSS is read from /proc after two idle seconds.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from telegram import Update
from telegram.request import BaseRequest, RequestData

from bench.figures import Figure, percentile, print_table
from bench.startup import start_and_measure
from bot.content.loader import load_content
from bot.faces.telegram.app import build_application
from bot.settings import Settings
from harness.bot_process import bot_environment
from harness.fake_bot_api import BOT_ID, BOT_USERNAME, FakeBotAPI
from harness.updates import message_update

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:BENCH-token-never-real"
ROUNDS = 5
UPDATES_PER_ROUND = 2_000
USERS = 2_000
"""One message per user per round: the flood guard (20 in 10 s) never steps in."""
START_RUNS = 5
IDLE_SECONDS = 2.0


class RecordingRequest(BaseRequest):
    """Answers every Bot API call from memory with a canned result and counts the calls."""

    _MESSAGE = {
        "message_id": 1,
        "date": 0,
        "chat": {"id": 1, "type": "private", "first_name": "Bench"},
        "from": {"id": BOT_ID, "is_bot": True, "first_name": "Bench"},
        "text": "ok",
    }
    _ANSWERS = {
        "getMe": {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Bench",
            "username": BOT_USERNAME,
        },
        "sendMessage": _MESSAGE,
        "sendDocument": _MESSAGE,
    }

    def __init__(self):
        self.calls: Counter[str] = Counter()
        self._encoded = {
            name: json.dumps({"ok": True, "result": result}).encode()
            for name, result in self._ANSWERS.items()
        }
        self._true = json.dumps({"ok": True, "result": True}).encode()

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **timeouts
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        self.calls[endpoint] += 1
        return 200, self._encoded.get(endpoint, self._true)


def faq_questions() -> list[str]:
    content = load_content(ROOT / "knowledge")
    return [phrasing for entry in content.faq.values() for phrasing in entry.phrasings]


def message_payloads(questions: list[str], count: int, first_update_id: int) -> list[dict]:
    payloads = []
    cycle = itertools.cycle(questions)
    for number in range(count):
        user_id = 10_000 + number % USERS
        update_id = first_update_id + number
        payloads.append(
            message_update(update_id, user_id, next(cycle), message_id=number + 1, first_name="U")
        )
    return payloads


async def updates_per_second(folder: Path) -> tuple[list[float], list[float], Counter[str]]:
    """Rates of each round (updates/s) and every update's handling time (ms)."""
    settings = Settings(
        _env_file=None,
        telegram_bot_token=TOKEN,
        database_url=f"sqlite:///{folder / 'bench.sqlite3'}",
        log_level="WARNING",
        metrics_port=0,
    )
    request = RecordingRequest()
    application = build_application(settings, request=request, rate_limited=False)
    questions = faq_questions()
    rates, latencies = [], []
    async with application:
        await application.post_init(application)
        # Everyone writes once first: the rounds measure returning users, as on a running bot.
        for payload in message_payloads(questions, USERS, first_update_id=1):
            await application.process_update(Update.de_json(payload, application.bot))
        for round_number in range(ROUNDS):
            payloads = message_payloads(
                questions, UPDATES_PER_ROUND, first_update_id=(round_number + 1) * 10**6
            )
            started = time.perf_counter()
            for payload in payloads:
                began = time.perf_counter()
                await application.process_update(Update.de_json(payload, application.bot))
                latencies.append((time.perf_counter() - began) * 1000)
            rates.append(len(payloads) / (time.perf_counter() - started))
        await application.post_shutdown(application)
    return rates, latencies, request.calls


def start_up_and_idle_memory(folder: Path) -> tuple[list[float], list[float]]:
    """Seconds from process start to the first getUpdates, and RSS (MB) once idle."""
    ready_seconds, rss_mb = [], []
    for run in range(START_RUNS):
        api = FakeBotAPI(token=TOKEN).start()
        try:
            seconds, rss = start_and_measure(
                bot_environment(api, folder / f"start{run}.sqlite3", log_level="WARNING"),
                folder,
                ready=lambda api=api: "getUpdates" in api.methods(),
                settle_seconds=IDLE_SECONDS,
            )
        finally:
            api.stop()
        ready_seconds.append(seconds)
        rss_mb.append(rss)
    return ready_seconds, rss_mb


def _pin_to_one_cpu() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity here)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def measure() -> tuple[list[Figure], list[str]]:
    """Every figure of this benchmark, and notes on how they were taken."""
    pinning = _pin_to_one_cpu()
    with tempfile.TemporaryDirectory() as folder:
        rates, latencies, calls = asyncio.run(updates_per_second(Path(folder)))
        ready, rss = start_up_and_idle_memory(Path(folder))
    rate = statistics.median(rates)
    figures = [
        Figure("FAQ updates handled per second", rate, "/s", ">= 1,000", rate >= 1000),
        Figure(
            "  per update, median",
            statistics.median(latencies),
            "ms",
            "-",
            True,
        ),
        Figure("  per update, p99", percentile(latencies, 0.99), "ms", "-", True),
        Figure("start-up to ready", statistics.median(ready), "s", "<= 1.5", max(ready) <= 1.5),
        Figure("idle memory (RSS)", statistics.median(rss), "MB", "<= 100", max(rss) <= 100),
    ]
    notes = [
        f"{pinning}; {ROUNDS} rounds of {UPDATES_PER_ROUND:,} messages from {USERS:,} users",
        f"round rates: {', '.join(f'{r:,.0f}' for r in rates)} /s; "
        f"Bot API calls answered in memory: {dict(calls)}",
        f"start-up runs: {', '.join(f'{s:.2f}' for s in ready)} s; "
        f"idle RSS: {', '.join(f'{m:.0f}' for m in rss)} MB",
    ]
    return figures, notes


def main() -> None:
    print_table("Telegram face: the real python-telegram-bot Application", *measure())


if __name__ == "__main__":
    main()
