"""Today's session: a short warm-up, a multimodal main block and a cool-down, 15-20 minutes.

Pure: the same content, goal, level, stages, user and date always give the same session, so the
reminder preview, /session, the step-by-step walk and the printable guide agree without storing
a plan anywhere.

Rotation: each ISO week every user gets their own shuffled order of the library (seeded by user
and week), and each weekday starts the shuffled lists at a different place, so sessions on
different days of a week lead with different exercises and together cover more of the library.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.content.loader import Content
from bot.content.models import LEVELS, Exercise, Variation

MIN_MINUTES = 15
MAX_MINUTES = 20
DEFAULT_GOAL = "prevention"
DEFAULT_LEVEL = "beginner"

Part = Literal["warmup", "main", "cooldown"]
PARTS: tuple[Part, ...] = ("warmup", "main", "cooldown")

WARMUP_KINDS = ("mobility",)
COOLDOWN_KINDS = ("flexibility",)
MAIN_SLOTS = (("stabilisation",), ("strength",), ("flexibility", "mobility"))
"""The main block holds at least one exercise of each slot: that is what makes it multimodal."""
MAIN_ORDER = {"stabilisation": 0, "strength": 1, "mobility": 2, "flexibility": 3}
"""Inside the main block: bracing first, then strength, then easing out with movement."""
ROTATE_WITHIN_GOAL_FROM = 3
"""A goal with fewer exercises of a kind than this would repeat the same one every other day,
so that slot rotates through every exercise of the kind instead (the goal's own first)."""


@dataclass(frozen=True)
class SessionItem:
    exercise: Exercise
    part: Part
    minutes: int
    stage: int
    """-1 the easier variation, 0 the standard exercise, 1 the harder variation."""

    @property
    def variation(self) -> Variation | None:
        """The variation the user does now, or None for the standard exercise."""
        if self.stage < 0:
            return self.exercise.easier
        if self.stage > 0:
            return self.exercise.harder
        return None


@dataclass(frozen=True)
class SessionPlan:
    day: date
    goal: str
    level: str
    items: tuple[SessionItem, ...]

    @property
    def minutes(self) -> int:
        return sum(item.minutes for item in self.items)

    def part(self, part: Part) -> tuple[SessionItem, ...]:
        return tuple(item for item in self.items if item.part == part)


def build_session(
    content: Content,
    goal: str | None,
    level: str | None,
    stages: dict[str, int],
    user_id: int,
    day: date,
) -> SessionPlan:
    """The session for this user on this day; unknown goal or level fall back to the defaults."""
    goal = goal if goal in content.goals else DEFAULT_GOAL
    level = level if level in LEVELS else DEFAULT_LEVEL
    picker = _Picker(content, goal, level, user_id, day)
    required: list[tuple[Part, tuple[str, ...]]] = [
        ("warmup", WARMUP_KINDS),
        *(("main", kinds) for kinds in MAIN_SLOTS),
        ("cooldown", COOLDOWN_KINDS),
    ]
    shortest = [picker.shortest(kinds) for _, kinds in required]  # what is chosen never changes it
    for index, (part, kinds) in enumerate(required):
        # Keep room for the slots still to come: advanced exercises are long, and without the
        # reserve a long warm-up could leave no minutes for the cool-down.
        still_needed = sum(shortest[index + 1 :])
        picker.take(part, picker.ranked(kinds), reserve=still_needed)
    picker.fill()
    ordered = sorted(
        picker.chosen,
        key=lambda pair: (
            PARTS.index(pair[0]),
            MAIN_ORDER[pair[1].kind] if pair[0] == "main" else 0,
        ),
    )
    items = tuple(
        SessionItem(
            exercise=exercise,
            part=part,
            minutes=picker.minutes(exercise),
            stage=max(-1, min(1, stages.get(exercise.id, 0))),
        )
        for part, exercise in ordered
    )
    return SessionPlan(day=day, goal=goal, level=level, items=items)


class _Picker:
    """Chooses exercises one at a time, keeping the total within MAX_MINUTES."""

    def __init__(self, content: Content, goal: str, level: str, user_id: int, day: date):
        self.goal = goal
        self.level = level
        self.offset = day.weekday()
        year, week, _ = day.isocalendar()
        seed = f"{user_id}|{year}-W{week}"
        self.library = sorted(content.exercises.values(), key=lambda ex: _digest(seed, ex.id))
        self.chosen: list[tuple[Part, Exercise]] = []
        self.total = 0
        """Minutes of what is chosen, kept as it grows (every reminder builds a session)."""

    def minutes(self, exercise: Exercise) -> int:
        return getattr(exercise.minutes, self.level)

    def shortest(self, kinds: tuple[str, ...]) -> int:
        return min((self.minutes(ex) for ex in self.library if ex.kind in kinds), default=0)

    def ranked(self, kinds: tuple[str, ...], in_goal: bool | None = None) -> list[Exercise]:
        """Exercises of these kinds in this week's order, starting at today's place: the goal's
        own first, or only one side when `in_goal` says which."""
        mine = [ex for ex in self.library if ex.kind in kinds and self.goal in ex.goals]
        others = [ex for ex in self.library if ex.kind in kinds and self.goal not in ex.goals]
        if in_goal is True:
            return _rotate(mine, self.offset)
        if in_goal is False:
            return _rotate(others, self.offset)
        if len(mine) < ROTATE_WITHIN_GOAL_FROM:
            return _rotate(mine + others, self.offset)
        return _rotate(mine, self.offset) + _rotate(others, self.offset)

    def take(self, part: Part, candidates: list[Exercise], reserve: int = 0) -> bool:
        """Add the first unused candidate that leaves `reserve` minutes for what must follow."""
        used = {exercise.id for _, exercise in self.chosen}
        for exercise in candidates:
            if exercise.id in used:
                continue
            minutes = self.minutes(exercise)
            if self.total + minutes + reserve <= MAX_MINUTES:
                self.chosen.append((part, exercise))
                self.total += minutes
                return True
        return False

    def fill(self) -> None:
        """Top the main block up to MIN_MINUTES with the goal's own exercises, and only then
        with the rest of the library: the goal shapes the session; the required slots above
        already make it multimodal."""
        every_kind = tuple(MAIN_ORDER)
        mine = self.ranked(every_kind, in_goal=True)
        others = self.ranked(every_kind, in_goal=False)
        while self.total < MIN_MINUTES:
            if not (self.take("main", mine) or self.take("main", others)):
                return


def _digest(seed: str, exercise_id: str) -> str:
    return hashlib.sha256(f"{seed}|{exercise_id}".encode()).hexdigest()


def _rotate(items: list[Exercise], by: int) -> list[Exercise]:
    if not items:
        return items
    by %= len(items)
    return items[by:] + items[:by]
