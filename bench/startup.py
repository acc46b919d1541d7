"""Start the real bot process against a fake Bot API: time to ready, and its memory then."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from pathlib import Path

from bench.figures import process_memory_mb
from harness.bot_process import start_bot


def start_and_measure(
    env: dict[str, str],
    folder: Path,
    ready: Callable[[], bool],
    memory_field: str = "VmRSS",
    settle_seconds: float = 0.0,
) -> tuple[float, float]:
    """Seconds from launch until `ready()`, then memory (MB) after `settle_seconds`; the
    process is stopped with SIGTERM, as an operator would."""
    started = time.perf_counter()
    process = start_bot(env, folder, "run")
    try:
        while not ready():
            if process.poll() is not None:
                raise RuntimeError(f"the bot exited with {process.returncode}")
            time.sleep(0.002)
        seconds = time.perf_counter() - started
        time.sleep(settle_seconds)
        memory = process_memory_mb(process.pid, memory_field)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    return seconds, memory
