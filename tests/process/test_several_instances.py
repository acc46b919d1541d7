"""Three real `run_bot.py` processes in webhook mode on one PostgreSQL database and the fake Bot
API: 1,000 reminders due in the same minute, one instance killed with SIGKILL mid-send. Every
reminder arrives once or is recorded unconfirmed (nothing doubled, nothing lost), the overall
rate holds across the instances (no 429, even when a network hiccup bunches arrivals), and
presses of one user through two instances at the same moment both stick. Two instances started
together on an empty database both create it and run."""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from bot.model.schedule import Schedule
from bot.model.user import UserState
from bot.store import Store
from bot.store.schema_postgres import MIGRATIONS as POSTGRES_MIGRATIONS
from harness.bot_process import bot_environment, bot_log, start_bot
from harness.updates import button_update

REMINDERS = 1000
FIRST_USER = 6_000_000_000
PRESSERS = 20
SECRET = "several-instances-secret-0123456789"
MAX_IN_FLIGHT = 4
HICCUP = 0.5
"""Seconds the network holds sends up once: they then arrive together."""
"""Requests one instance may have out at once (bot/faces/telegram/delivery.py): at most this
many can be cut off by its death."""


def seed(url: str) -> None:
    async def go() -> None:
        store = await Store.open(url)
        try:
            slot = datetime.now(UTC) - timedelta(minutes=5)
            schedule = Schedule(frozenset({slot.weekday()}), slot.time().replace(second=0), "UTC")
            subscribed = slot - timedelta(minutes=10)
            async with store.db.transaction() as db:
                await db.executemany(
                    "INSERT INTO users (user_id, chat_id, goal, onboarded, created_at, "
                    "updated_at) VALUES (?, ?, 'prevention', 1, ?, ?)",
                    [
                        (user, user, subscribed, subscribed)
                        for user in range(FIRST_USER, FIRST_USER + REMINDERS)
                    ],
                )
            for user in range(FIRST_USER, FIRST_USER + REMINDERS):
                await store.reminders.subscribe(user, user, schedule, subscribed)
            assert (await store.users.load(FIRST_USER)).onboarded
        finally:
            await store.close()

    asyncio.run(go())


def statuses(url: str) -> dict[str, int]:
    async def go() -> dict[str, int]:
        store = await Store.open(url)
        try:
            rows = await store.db.fetchall("SELECT status, COUNT(*) FROM deliveries GROUP BY 1")
            return {row[0]: row[1] for row in rows}
        finally:
            await store.close()

    return asyncio.run(go())


def profiles(url: str, users: list[int]) -> list[UserState]:
    async def go() -> list[UserState]:
        store = await Store.open(url)
        try:
            return [await store.users.load(user) for user in users]
        finally:
            await store.close()

    return asyncio.run(go())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(
    condition, processes, folders, what: str, timeout: float, every: float = 0.1
) -> None:
    """`every`: polls that open the database sleep longer, so as not to starve the fake Bot
    API's threads in this process (their timestamps decide what counts as a 429)."""
    deadline = time.monotonic() + timeout
    while not condition():
        for process, folder in zip(processes, folders, strict=True):
            if process.poll() is not None and process.returncode != -signal.SIGKILL:
                raise AssertionError(f"an instance exited:\n{bot_log(folder)}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}; last log:\n{bot_log(folders[-1])[-3000:]}")
        time.sleep(every)


def test_three_instances_share_reminders_and_lose_no_update(api, postgres, tmp_path):
    url = postgres.create_database("instances")
    seed(url)
    api.max_sends_per_second = 30  # Telegram's overall limit: beyond it, 429
    ports = [free_port() for _ in range(3)]
    folders = [tmp_path / f"instance{n}" for n in range(3)]
    processes: list[subprocess.Popen] = []
    for port, folder in zip(ports, folders, strict=True):
        folder.mkdir()
        env = bot_environment(
            api,
            Path("unused"),
            database_url=url,
            webhook_url="https://bot.example.test/telegram/hook",
            webhook_secret=SECRET,
            webhook_listen="127.0.0.1",
            webhook_port=str(port),
            reminder_tick_seconds="0.5",
        )
        processes.append(start_bot(env, folder, "run"))
    try:
        reminders = lambda: [m for m in api.sent if m["chat_id"] >= FIRST_USER]  # noqa: E731
        wait_until(lambda: len(reminders()) >= 60, processes, folders, "no reminders", 90)
        api.hiccup(HICCUP)  # what every instance had in flight then arrives at once
        wait_until(lambda: len(reminders()) >= 150, processes, folders, "too few reminders", 90)
        processes[0].send_signal(signal.SIGKILL)
        processes[0].wait(timeout=10)

        # One user presses two buttons at once, each landing on a different live instance.
        pressers = list(range(FIRST_USER, FIRST_USER + PRESSERS))
        hooks = [f"http://127.0.0.1:{port}/telegram/hook" for port in ports[1:]]
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        answers: list[int] = []

        def press(hook: str, update: dict) -> None:
            answers.append(httpx.post(hook, json=update, headers=headers, timeout=30).status_code)

        threads = []
        for number, user in enumerate(pressers):
            for offset, (hook, data) in enumerate(
                zip(hooks, ("v1|set_goal|core", "v1|set_level|advanced"), strict=True)
            ):
                update = button_update(10_000 + 2 * number + offset, user, data)
                threads.append(threading.Thread(target=press, args=(hook, update)))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert answers == [200] * len(threads)

        def settled() -> bool:
            now = statuses(url)
            return now.get("due", 0) == 0 and now.get("sending", 0) == 0

        wait_until(settled, processes, folders, "reminders still owed", 120, every=1.0)
        wait_until(
            lambda: (
                sum(1 for m in api.sent if "advanced" in m.get("text", "").lower()) >= 0
                and all(p.level == "advanced" and p.goal == "core" for p in profiles(url, pressers))
            ),
            processes,
            folders,
            "a press was lost",
            30,
            every=1.0,
        )
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    received = [m["chat_id"] for m in api.sent if "Time for your back session" in m["text"]]
    final = statuses(url)
    doubled = len(received) - len(set(received))
    lost = REMINDERS - len(set(received))
    assert doubled == 0, final
    assert lost <= final.get("unconfirmed", 0) <= MAX_IN_FLIGHT, (lost, final)
    assert final.get("sent", 0) + final.get("unconfirmed", 0) == REMINDERS, final
    # Telegram's overall rate held across the instances, the hiccup's bunch included.
    assert api.too_many_requests == 0
    survivors = [bot_log(folder) for folder in folders[1:]]
    assert all("Traceback" not in log for log in survivors), survivors


def test_two_instances_first_started_on_an_empty_database_both_create_and_use_it(
    api, postgres, tmp_path
):
    """The first boot of a fresh deploy: both instances migrate the same empty database at
    once (they take turns under an advisory lock), and both go on to tick."""
    url = postgres.create_database("first_boot")
    folders = [tmp_path / f"first{n}" for n in range(2)]
    processes = []
    for folder in folders:
        folder.mkdir()
        env = bot_environment(
            api,
            Path("unused"),
            database_url=url,
            log_level="DEBUG",  # "reminder tick: nothing to send" is a debug line
            webhook_url="https://bot.example.test/telegram/hook",
            webhook_secret=SECRET,
            webhook_listen="127.0.0.1",
            webhook_port=str(free_port()),
        )
        processes.append(start_bot(env, folder, "run"))
    try:
        wait_until(
            lambda: all("reminder tick:" in bot_log(folder) for folder in folders),
            processes,
            folders,
            "an instance never ticked",
            120,
        )
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=30)
    assert [process.returncode for process in processes] == [0, 0]
    assert all("Traceback" not in bot_log(folder) for folder in folders)

    async def recorded() -> list[int]:
        store = await Store.open(url)
        try:
            rows = await store.db.fetchall("SELECT version FROM schema_migrations ORDER BY 1")
            return [row[0] for row in rows]
        finally:
            await store.close()

    assert asyncio.run(recorded()) == list(range(1, len(POSTGRES_MIGRATIONS) + 1))
