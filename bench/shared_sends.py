"""The send rate instances hold together on one PostgreSQL database: 1, 2 or 4 processes, each
its own pool, Application and dispatcher, send one burst that fell due at once to the fake Bot
API in a process of its own (429 beyond 30 sends in any one second). A SQLite file path instead
of a URL: the one instance SQLite allows, paced in its own process, for comparison."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from datetime import time as clock_time

from bench.processes import in_processes
from bench.reminders import TOKEN, FakeApiProcess
from bot.faces.telegram.app import build_application
from bot.faces.telegram.delivery import ReminderDispatcher, reminder_sender
from bot.model.clock import FakeClock
from bot.model.schedule import Schedule
from bot.runtime import open_runtime
from bot.settings import Settings
from bot.store import Store
from bot.store.db import is_postgres

BURST = 1000
"""Enough for every one of 4 instances to be handed a batch (delivery.BATCH at a time)."""
FIRST_USER = 7_000_000_000
SEEDED_AT = datetime(2026, 1, 5, 0, 0, tzinfo=UTC)
DUE_CLOCK = datetime(2026, 1, 5, 17, 0, tzinfo=UTC)
"""Every subscription's 18:00 Oslo slot is due at this moment."""


async def seed(url: str) -> None:
    everyday = Schedule(frozenset(range(7)), clock_time(18, 0), "Europe/Oslo")
    store = await Store.open(url)
    try:
        for user in range(FIRST_USER, FIRST_USER + BURST):
            state = await store.users.load(user, chat_id=user)
            await store.users.save(state, SEEDED_AT)
            await store.reminders.subscribe(user, user, everyday, SEEDED_AT)
    finally:
        await store.close()


def _instance(url: str, base_url: str, start_at: float) -> tuple[int, float, float]:
    return asyncio.run(_send(url, base_url, start_at))


async def _send(url: str, base_url: str, start_at: float) -> tuple[int, float, float]:
    """(sent, began, ended): one instance ticking until nothing is owed; wall-clock moments,
    so that the instances' spans can be joined."""
    settings = Settings(
        _env_file=None,
        telegram_bot_token=TOKEN,
        telegram_api_base_url=base_url,
        database_url=url if is_postgres(url) else f"sqlite:///{url}",
        log_level="WARNING",
        metrics_port=0,
    )
    clock = FakeClock(DUE_CLOCK)
    runtime = await open_runtime(settings, clock=clock)
    application = build_application(settings, clock=clock)
    try:
        await application.initialize()
        application.bot.rate_limiter.pace = runtime.send_pace
        dispatcher = ReminderDispatcher(  # as start_reminders builds it
            runtime.assistant, send=reminder_sender(application.bot), gated=True
        )
        await dispatcher.register()
        await asyncio.sleep(max(0.0, start_at - time.time()))  # all instances start together
        began = time.time()
        report = await dispatcher.run_once()
        return report.count("sent"), began, time.time()
    finally:
        await application.shutdown()
        await runtime.close()


def shared_sends(url: str, instances: int) -> tuple[float, int, list[int]]:
    """(sends per second in total, 429 answers, sends per instance)."""
    asyncio.run(seed(url))
    with FakeApiProcess(limit=30) as api:
        start_at = time.time() + 10  # past every child's imports and connections
        outcomes = in_processes(_instance, [(url, api.base_url, start_at)] * instances, timeout=300)
    sent = [count for count, _, _ in outcomes]
    if sum(sent) != BURST:
        raise RuntimeError(f"sent {sent} of {BURST}")
    elapsed = max(end for _, _, end in outcomes) - min(began for _, began, _ in outcomes)
    return BURST / elapsed, api.too_many_requests, sent
