"""`python run_bot.py` killed with SIGKILL and started again on the same database: a reminder that
fell due while it was down arrives, and arrives once."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import time
from pathlib import Path

import pytest

from bot.store import Store
from harness.bot_process import bot_environment, bot_log, start_bot
from harness.fake_bot_api import FakeBotAPI
from harness.overdue import reminders, seed_many_overdue, settled, statuses

USER = 4711


@pytest.fixture
def api():
    server = FakeBotAPI().start()
    yield server
    server.stop()


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
    seed_many_overdue(database, 1, first_user=USER)
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


def test_sigkill_while_reminders_wait_in_the_rate_limiter_loses_only_what_had_left(api, tmp_path):
    """Deliveries still waiting (spacing, in-flight limit, rate limiter) are not marked sending:
    after SIGKILL they are sent by the next start. Only a request that had left may be lost
    (recorded `unconfirmed`), and nothing arrives twice."""
    database = tmp_path / "bot.sqlite3"
    users = seed_many_overdue(database, 40)
    env = bot_environment(api, database, reminder_tick_seconds="0.3")
    for kill_after in (6, 18):
        process = start_bot(env, tmp_path, "run")
        try:
            wait_for(lambda n=kill_after: len(reminders(api)) >= n, process, tmp_path, "no sends")
        finally:
            kill(process)
    final = start_bot(env, tmp_path, "run")
    try:
        wait_for(
            lambda: settled(database, len(users)),
            final,
            tmp_path,
            "reminders still owed",
        )
    finally:
        kill(final)
    received = [m["chat_id"] for m in reminders(api)]
    doubled = len(received) - len(set(received))
    lost = len(set(users) - set(received))
    unconfirmed = statuses(database).get("unconfirmed", 0)
    assert doubled == 0
    assert lost <= unconfirmed <= 2, (lost, unconfirmed, statuses(database))


def test_recovery_leaves_a_live_processs_sends_alone(api, tmp_path, content, clock, config):
    """A second process starting up must not record another live process's send as unconfirmed."""
    from bot.brain.assistant import Assistant
    from bot.faces.telegram.delivery import ReminderDispatcher

    database = tmp_path / "bot.sqlite3"
    seed_many_overdue(database, 1, first_user=USER)
    api.hold("sendMessage")
    env = bot_environment(api, database, reminder_tick_seconds="0.3")
    live = start_bot(env, tmp_path, "run")

    async def recover_from_here() -> int:
        store = await Store.open(database)
        try:
            assistant = Assistant(content, store, clock, config)
            return await ReminderDispatcher(assistant, send=None).recover()
        finally:
            await store.close()

    try:
        api.wait_until_holding()
        assert statuses(database) == {"sending": 1}
        assert asyncio.run(recover_from_here()) == 0
        assert statuses(database) == {"sending": 1}
    finally:
        kill(live)
    api.release()
    assert asyncio.run(recover_from_here()) == 1  # its owner is gone now
    assert statuses(database) == {"unconfirmed": 1}
