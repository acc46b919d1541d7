"""`run_bot.py` as a real child process, for tests of start-up, signals, webhooks and logs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from harness.fake_bot_api import FakeBotAPI
from harness.warm_cache import place_build_cache

ROOT = Path(__file__).resolve().parents[1]


def bot_environment(
    api: FakeBotAPI | None, database: Path, *, warm: bool = True, **settings: str
) -> dict[str, str]:
    """A clean environment (no .env is read: the child runs in a temporary folder); `warm`: the
    content's build cache already beside the database, as after a first start."""
    if warm:
        place_build_cache(database)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DATABASE_URL": f"sqlite:///{database}",
        "LOG_LEVEL": "INFO",
        "METRICS_PORT": "0",  # tests that want /healthz and /metrics pick a free port
    }
    if api is not None:
        env |= {"TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_API_BASE_URL": api.base_url}
    return env | {name.upper(): value for name, value in settings.items()}


def start_bot(env: dict[str, str], cwd: Path, *args: str) -> subprocess.Popen:
    """Output goes to cwd/bot.log: a pipe nobody reads would fill up and stall a chatty bot."""
    with (cwd / "bot.log").open("w") as log:
        return subprocess.Popen(
            [sys.executable, str(ROOT / "run_bot.py"), *args],
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )


def bot_log(cwd: Path) -> str:
    return (cwd / "bot.log").read_text()


def run_bot(
    env: dict[str, str], cwd: Path, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess:
    """Run one command to the end; `stdin` is typed into it (console, ask), else it gets none."""
    return subprocess.run(
        [sys.executable, str(ROOT / "run_bot.py"), *args],
        env=env,
        cwd=cwd,
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        text=True,
        timeout=60,
    )


def wait_for_call(
    api: FakeBotAPI, method: str, process: subprocess.Popen, cwd: Path, timeout: float = 20.0
) -> None:
    """Until the bot has called `method`; fails early with its log if the process died."""
    deadline = time.monotonic() + timeout
    while method not in api.methods():
        if process.poll() is not None:
            raise AssertionError(f"the bot exited ({process.returncode}):\n{bot_log(cwd)}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"the bot never called {method}")
        time.sleep(0.02)
