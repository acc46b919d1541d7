"""Picture cost: each exercise and variation drawn from its pose (still PNG and looping GIF),
first from scratch, then from the cache every later card uses; and the /progress chart.

Run: python -m bench.pictures   (targets: <= 50 ms per picture drawn, <= 0.1 ms cached)
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from bench.figures import Figure, print_table
from bot.brain.exercises import pictures
from bot.brain.exercises.pictures import WHICH, exercise_animation, exercise_still
from bot.content.loader import load_content
from bot.drawing.chart import ChartData, chart_png
from bot.drawing.exercise_pictures import _animation, _still

ROOT = Path(__file__).resolve().parent.parent


def _timed(call) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def measure() -> tuple[list[Figure], list[str]]:
    content = load_content(ROOT / "knowledge")
    # The process's first picture also pays for loading Pillow's drawing code: shown apart.
    first = _timed(lambda: exercise_still(content, "plank", "standard"))
    _still.cache_clear()
    _animation.cache_clear()
    pictures._made.clear()
    stills, animations, cached = [], [], []
    for exercise_id in content.exercises:
        for which in WHICH:
            stills.append(_timed(lambda: exercise_still(content, exercise_id, which)))  # noqa: B023
            animations.append(_timed(lambda: exercise_animation(content, exercise_id, which)))  # noqa: B023
            cached.append(_timed(lambda: exercise_animation(content, exercise_id, which)))  # noqa: B023
    data = ChartData(
        weeks=tuple(f"{day} Jan" for day in range(1, 9)),
        done=(1, 3, 2, 4, 3, 0, 2, 1),
        planned=3,
        pain=(6, 5, None, 4, 3.5, None, 3, 2),
        title="Your last 8 weeks",
        sessions_label="Sessions",
        plan_label="Plan",
        pain_label="Pain after sessions (0-10)",
    )
    charts = [_timed(lambda: chart_png(data)) for _ in range(5)]
    worst = max(stills + animations)
    figures = [
        Figure("still (start and end) drawn: median", statistics.median(stills), "ms", "-", True),
        Figure("animation (GIF) drawn: median", statistics.median(animations), "ms", "-", True),
        Figure("first picture of a process (warm-up)", first, "ms", "-", True),
        Figure("slowest picture drawn after it", worst, "ms", "<= 50", worst <= 50),
        Figure("picture from the cache: median", statistics.median(cached), "ms", "<= 0.1",
               statistics.median(cached) <= 0.1),
        Figure("progress chart drawn: median", statistics.median(charts), "ms", "<= 50",
               statistics.median(charts) <= 50),
    ]  # fmt: skip
    return figures, [f"{len(stills)} exercises and variations, each drawn once uncached"]


if __name__ == "__main__":
    figures, notes = measure()
    print_table("Pictures", figures, notes)
