"""Start-up to ready and idle memory of the bot against a bare python-telegram-bot Application,
measured in one run, alternating, each process against its own fake Bot API.

Run: python -m bench.startup_ratio   (targets: start-up <= 2x the bare bot's, memory <= 1.5x)
Ready means the first getUpdates call; memory is RSS after IDLE_SECONDS of idling.

The bot keeps what it builds from knowledge/ in a build cache next to its database
(bot/brain/build_cache.py). A deployed bot starts warm: its data folder holds the cache from its
last start; only the first start after new content or code is cold. Both are measured; the
targets are judged on the warm start, and the cold one is printed beside it. After idling, the
bot answers a Norwegian and then an English user: the first reply in each language shows what
start-up left for later (nothing is built lazily; Pillow loads with the first picture or chart,
and a warm start never loads pydantic: content is validated only when it is built).
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
FIRST_MESSAGES = (("nb", "hvor ofte bør jeg gjøre planken"), ("en", "how often should i plank"))
"""One first message per language, each from a new user, after the idle window."""


def start_and_measure(command: list[str], folder: Path, run: int) -> tuple[float, float, list]:
    """(seconds to ready, idle MB, seconds to each first reply) of one start in `folder`."""
    api = FakeBotAPI().start()
    # warm=False: this benchmark makes its own cold and warm starts.
    env = bot_environment(api, folder / f"ratio{run}.sqlite3", warm=False, log_level="WARNING")
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
            replies = (
                [
                    first_reply(api, user, code, text)
                    for user, (code, text) in enumerate(FIRST_MESSAGES, start=1000)
                ]
                if command is BOT
                else []
            )
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
    finally:
        api.stop()
    return seconds, memory, replies


def first_reply(api: FakeBotAPI, user: int, code: str, text: str) -> float:
    sent = time.perf_counter()
    api.push_text(text, user_id=user, language_code=code)
    api.wait_for_messages(1, chat_id=user, timeout=30)
    return time.perf_counter() - sent


def measure() -> tuple[list[Figure], list[str]]:
    cold: list[tuple] = []
    warm: list[tuple] = []
    bare: list[tuple] = []
    with tempfile.TemporaryDirectory() as folder:
        deployed = Path(folder) / "deployed"  # one data folder, restarted: warm after its first
        deployed.mkdir()
        start_and_measure(BOT, deployed, 0)  # writes the build cache the warm starts read
        for run in range(RUNS):  # alternating, so machine load falls on all alike
            fresh = Path(folder) / f"fresh{run}"  # a new data folder: no build cache
            fresh.mkdir()
            cold.append(start_and_measure(BOT, fresh, run))
            warm.append(start_and_measure(BOT, deployed, run + 1))
            bare.append(start_and_measure(BARE, Path(folder), run))
    cold_s, cold_mb = medians(cold)
    warm_s, warm_mb = medians(warm)
    bare_s, bare_mb = medians(bare)
    time_ratio, memory_ratio = warm_s / bare_s, warm_mb / bare_mb
    firsts = [statistics.median(r[2][i] for r in warm) for i in range(len(FIRST_MESSAGES))]
    figures = [
        Figure("bot, warm (build cache): start-up to ready", warm_s, "s", "-", True),
        Figure("bot, cold (no build cache): start-up", cold_s, "s", "-", True),
        Figure("bare PTB Application: start-up to ready", bare_s, "s", "-", True),
        Figure("start-up ratio, warm bot / bare", time_ratio, "x", "<= 2", time_ratio <= 2),
        Figure("start-up ratio, cold bot / bare", cold_s / bare_s, "x", "-", True),
        Figure("bot, warm: idle memory (RSS)", warm_mb, "MB", "-", True),
        Figure("bot, cold: idle memory (RSS)", cold_mb, "MB", "-", True),
        Figure("bare PTB Application: idle memory", bare_mb, "MB", "-", True),
        Figure("memory ratio, warm bot / bare", memory_ratio, "x", "<= 1.5", memory_ratio <= 1.5),
        Figure("memory ratio, cold bot / bare", cold_mb / bare_mb, "x", "-", True),
    ]
    for (code, _), seconds in zip(FIRST_MESSAGES, firsts, strict=True):
        name = f"bot, warm: first {code} user's first reply"
        figures.append(Figure(name, seconds * 1000, "ms", "<= 200", seconds <= 0.2))
    notes = [
        f"{RUNS} alternating runs each, medians; ready = first getUpdates",
        "judged on the warm start: a deployed bot restarts on its data folder, which keeps the "
        "build cache; cold is the first start after new content or code",
        "first replies: message pushed to the fake Bot API until the bot's reply arrives "
        "(includes the long poll's round trip); nothing is built lazily. Loaded lazily: Pillow, "
        "with the first exercise picture or chart (~90 ms once, besides drawing it, which was "
        "already done on first use); pydantic is not loaded by a warm start, nor by its pictures "
        "(content is validated when it is built, settings only when a value needs judging)",
        f"warm runs: {runs_text(warm)}",
        f"cold runs: {runs_text(cold)}",
        f"bare runs: {runs_text(bare)}",
    ]
    return figures, notes


def medians(runs: list[tuple]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def runs_text(runs: list[tuple]) -> str:
    return ", ".join(f"{r[0]:.2f} s/{r[1]:.0f} MB" for r in runs)


def main() -> None:
    print_table("Start-up and memory against a bare python-telegram-bot bot", *measure())


if __name__ == "__main__":
    main()
