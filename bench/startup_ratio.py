"""Start-up to ready and idle memory of the bot against a bare python-telegram-bot Application,
measured in one run, alternating, each process against its own fake Bot API.

Run: python -m bench.startup_ratio   (targets: start-up <= 2x the bare bot's, memory <= 1.5x)
Ready means the first getUpdates call; memory is RSS after IDLE_SECONDS of idling.
"""

from __future__ import annotations

import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.figures import Figure, print_table, process_memory_mb
from harness.bot_process import ROOT, bot_environment
from harness.fake_bot_api import FakeBotAPI

RUNS = 5
IDLE_SECONDS = 2.0
BOT = [sys.executable, str(ROOT / "run_bot.py"), "run"]
BARE = [sys.executable, str(ROOT / "bench" / "bare_bot.py")]


def start_and_measure(command: list[str], folder: Path, run: int) -> tuple[float, float]:
    api = FakeBotAPI().start()
    env = bot_environment(api, folder / f"ratio{run}.sqlite3", log_level="WARNING")
    try:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, env=env, cwd=folder, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL
        )
        try:
            while "getUpdates" not in api.methods():
                if process.poll() is not None:
                    raise RuntimeError(f"{command[-1]} exited with {process.returncode}")
                time.sleep(0.002)
            seconds = time.perf_counter() - started
            time.sleep(IDLE_SECONDS)
            memory = process_memory_mb(process.pid)
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
    finally:
        api.stop()
    return seconds, memory


def measure() -> tuple[list[Figure], list[str]]:
    bot: list[tuple[float, float]] = []
    bare: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(RUNS):  # alternating, so machine load falls on both alike
            bot.append(start_and_measure(BOT, Path(folder), run))
            bare.append(start_and_measure(BARE, Path(folder), run))
    bot_s, bot_mb = (statistics.median(values) for values in zip(*bot, strict=True))
    bare_s, bare_mb = (statistics.median(values) for values in zip(*bare, strict=True))
    time_ratio, memory_ratio = bot_s / bare_s, bot_mb / bare_mb
    figures = [
        Figure("bot: start-up to ready", bot_s, "s", "-", True),
        Figure("bare PTB Application: start-up to ready", bare_s, "s", "-", True),
        Figure("start-up ratio, bot / bare", time_ratio, "x", "<= 2", time_ratio <= 2),
        Figure("bot: idle memory (RSS)", bot_mb, "MB", "-", True),
        Figure("bare PTB Application: idle memory", bare_mb, "MB", "-", True),
        Figure("memory ratio, bot / bare", memory_ratio, "x", "<= 1.5", memory_ratio <= 1.5),
    ]
    notes = [
        f"{RUNS} alternating runs each, medians; ready = first getUpdates",
        f"bot runs: {', '.join(f'{s:.2f} s/{m:.0f} MB' for s, m in bot)}",
        f"bare runs: {', '.join(f'{s:.2f} s/{m:.0f} MB' for s, m in bare)}",
    ]
    return figures, notes


def main() -> None:
    print_table("Start-up and memory against a bare python-telegram-bot bot", *measure())


if __name__ == "__main__":
    main()
