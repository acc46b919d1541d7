"""Progression rules: what moves an exercise or the level up or down. Pure; the coach applies them.

- "Too easy" on an exercise moves it to its harder variation; said again there, the whole level
  goes up and that exercise starts again from its standard form at the new dose.
- "Too hard" moves it to its easier variation; said again there, the level goes down.
- "Too easy"/"too hard" about a whole session moves the level directly.
- A streak of completed sessions without a pain report since the level last changed moves the
  level up. Pain itself is handled by safety, which steps that exercise down.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.content.models import LEVELS

STREAK_FOR_LEVEL_UP = 6
"""Completed, painless sessions at one level before it goes up: two weeks at three a week."""
LOWEST_STAGE, HIGHEST_STAGE = -1, 1

Outcome = Literal[
    "stage_up", "stage_down", "level_up", "level_down", "at_top", "at_bottom", "unchanged"
]


@dataclass(frozen=True)
class LevelChange:
    outcome: Outcome
    level: str
    stage: int = 0


def exercise_feedback(level: str, stage: int, direction: int) -> LevelChange:
    """+1 for "too easy", -1 for "too hard": the exercise moves first, then the level."""
    new_stage = stage + direction
    if LOWEST_STAGE <= new_stage <= HIGHEST_STAGE:
        return LevelChange("stage_up" if direction > 0 else "stage_down", level, new_stage)
    new_level = shifted(level, direction)
    if new_level == level:
        return LevelChange("at_top" if direction > 0 else "at_bottom", level, stage)
    return LevelChange("level_up" if direction > 0 else "level_down", new_level, 0)


def session_feedback(level: str, direction: int) -> LevelChange:
    """The whole session felt too easy (+1) or too hard (-1): the level moves, if it can."""
    new_level = shifted(level, direction)
    if new_level == level:
        return LevelChange("at_top" if direction > 0 else "at_bottom", level)
    return LevelChange("level_up" if direction > 0 else "level_down", new_level)


def streak_progress(level: str, streak: int) -> LevelChange:
    """Level up once the streak of painless completed sessions is long enough."""
    if streak < STREAK_FOR_LEVEL_UP:
        return LevelChange("unchanged", level)
    new_level = shifted(level, 1)
    if new_level == level:
        return LevelChange("unchanged", level)
    return LevelChange("level_up", new_level)


def shifted(level: str, direction: int) -> str:
    index = LEVELS.index(level) if level in LEVELS else 0
    return LEVELS[max(0, min(len(LEVELS) - 1, index + direction))]
