"""`python run_bot.py` killed with SIGKILL and started again on the same database: a reminder that
fell due while it was down arrives, and arrives once."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.model.schedule import Schedule
from bot.model.user import UserState
from bot.store import Store
from harness.bot_process import bot_environment, bot_log, start_bot
from harness.fake_bot_api import FakeBotAPI

USER = 4711
ZONE = "Europe/Oslo"


@pytest.fixture
def api():
    server = FakeBotAPI().start()
    yield server
    server.stop()


def seed_overdue_subscription(database: Path) -> None:
    """Through the store API: a subscription whose slot fell due about a quarter of an hour ago."""

    async def seed() -> None:
        store = await Store.open(database)
        try:
            slot = (datetime.now(UTC) - timedelta(minutes=15)).astimezone(ZoneInfo(ZONE))
            schedule = Schedule(frozenset({slot.weekday()}), slot.time().replace(second=0), ZONE)
            subscribed = slot - timedelta(minutes=10)
            await store.users.save(UserState(USER, chat_id=USER), subscribed)
            await store.reminders.subscribe(USER, USER, schedule, subscribed)
        finally:
            await store.close()

    asyncio.run(seed())


def reminders(api: FakeBotAPI) -> list[dict]:
    return [m for m in api.sent if "Time for your back session" in m["text"]]


def kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


def wait_for(condition, process: subprocess.Popen, cwd: Path, what: str, timeout=20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"the bot exited ({process.returncode}):\n{bot_log(cwd)}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}; log:\n{bot_log(cwd)}")
        time.sleep(0.02)


def test_killed_at_start_up_and_mid_send_the_reminder_still_arrives_exactly_once(api, tmp_path):
    database = tmp_path / "bot.sqlite3"
    seed_overdue_subscription(database)
    env = bot_environment(api, database, reminder_tick_seconds="0.3", log_level="DEBUG")

    # 1. Killed while starting, before it could send anything.
    api.hold("getMe")
    first = start_bot(env, tmp_path, "run")
    try:
        api.wait_until_holding()
    finally:
        kill(first)
    api.release()
    assert reminders(api) == []

    # 2. Killed mid-request: Telegram has the message, the bot never got the answer.
    api.hold("sendMessage")
    second = start_bot(env, tmp_path, "run")
    try:
        wait_for(lambda: reminders(api), second, tmp_path, "the reminder never came")
        api.wait_until_holding()
    finally:
        kill(second)
    api.release()
    (reminder,) = reminders(api)
    assert reminder["chat_id"] == USER and "late" in reminder["text"]

    # 3. A normal start on the same database: it recovers, ticks, and sends nothing twice.
    third = start_bot(env, tmp_path, "run")
    try:
        wait_for(
            lambda: "reminder tick:" in bot_log(tmp_path), third, tmp_path, "no tick was logged"
        )
        third.send_signal(signal.SIGTERM)
        third.wait(timeout=30)
    finally:
        if third.poll() is None:
            third.kill()
    log = bot_log(tmp_path)
    assert third.returncode == 0, log
    assert "1 reminder(s) were being sent when the bot stopped; not repeated" in log
    assert len(reminders(api)) == 1
