"""Browsing exercises: goals, a goal's exercises, an exercise card and its variations."""

from __future__ import annotations

from bot.brain.exercises.cards import exercise_card, goal_list, goal_menu, more_card
from bot.brain.exercises.pictures import WHICH
from bot.brain.routes import Routes, Turn
from bot.brain.services import Services
from bot.model.reply import Reply


class Browse:
    def __init__(self, services: Services):
        self.s = services

    def routes(self) -> Routes:
        return Routes(
            commands={"exercises": self.goals},
            actions={
                "goals": self.goals,
                "goal": self.goal,
                "exercise": self.exercise,
                "variation": self.variation,
                "exercise_more": self.more,
            },
            held=frozenset(
                {"exercises", "goals", "goal", "exercise", "variation", "exercise_more"}
            ),
        )

    async def goals(self, turn: Turn) -> Reply:
        return goal_menu(self.s.content)

    async def goal(self, turn: Turn) -> Reply | None:
        if turn.arg not in self.s.content.goals:
            return None
        return goal_list(self.s.content, turn.arg, turn.state, turn.now)

    async def exercise(self, turn: Turn) -> Reply | None:
        exercise = self.s.content.exercises.get(turn.arg)
        if exercise is None:
            return None
        return exercise_card(self.s.content, exercise, turn.state, turn.now)

    async def variation(self, turn: Turn) -> Reply | None:
        exercise_id, _, which = turn.arg.partition(".")
        exercise = self.s.content.exercises.get(exercise_id)
        if exercise is None or which not in ("easier", "harder"):
            return None
        return exercise_card(self.s.content, exercise, turn.state, turn.now, variation=which)

    async def more(self, turn: Turn) -> Reply | None:
        exercise_id, _, which = turn.arg.partition(".")
        exercise = self.s.content.exercises.get(exercise_id)
        if exercise is None or which not in WHICH:
            return None
        return more_card(self.s.content, exercise, which, turn.state, turn.now)  # type: ignore[arg-type]

    def show(self, turn: Turn, kind: str, ident: str) -> Reply:
        """Render a matched "exercise:…" or "goal:…" target."""
        if kind == "exercise":
            return exercise_card(
                self.s.content, self.s.content.exercises[ident], turn.state, turn.now
            )
        return goal_list(self.s.content, ident, turn.state, turn.now)
