"""How did it feel? After a counted session: pain 0-10, then one question on everyday function,
both stored for /progress; then how the session felt, which alone may move the level."""

from __future__ import annotations

from datetime import date, datetime

from bot.brain.coach.sessions import DEFAULT_GOAL, DEFAULT_LEVEL
from bot.brain.routes import Turn
from bot.brain.services import Services
from bot.model.reply import Action, Button, Reply, para, rows
from bot.store.walks import FUNCTION_ANSWERS

PENDING = "checkin_pain"
HIGH_PAIN = 6
"""From here on a rating after exercise gets the advice to make the next session lighter."""


class Checkin:
    def __init__(self, services: Services):
        self.s = services
        self.texts = services.content.messages.coach

    def actions(self) -> dict:
        return {"checkin_pain": self.pain, "checkin_function": self.function}

    def pain_question(self, turn: Turn, day: date, lead: list[str]) -> Reply:
        """The lines about the finished session, then the 0-10 question (tap or type)."""
        turn.state.pending = PENDING
        turn.state.pending_data = {"checkin": f"{day:%Y%m%d}"}
        numbers = [Button(str(n), Action("checkin_pain", f"{day:%Y%m%d}.{n}")) for n in range(11)]
        return Reply(
            "session",
            (*(para(line) for line in lead), para(self.texts.checkin_pain)),
            buttons=rows(*numbers, per_row=6),
        )

    async def pain(self, turn: Turn) -> Reply | None:
        day, _, value = turn.arg.partition(".")
        parsed = _day(day)
        if parsed is None or not value.isdigit() or not 0 <= int(value) <= 10:
            return None
        return await self._pain(turn, parsed, int(value))

    async def typed_pain(self, turn: Turn) -> Reply | None:
        """A typed rating ("7", "seven"): exactly the number typed is stored."""
        parsed = _day(str(turn.state.pending_data.get("checkin", "")))
        text = turn.text.strip().removesuffix("/10").strip()
        if parsed is None or not text.isdigit():
            return None
        rating = int(text)
        if rating > 10:
            turn.state.pending = PENDING
            return Reply("session", (para(self.s.content.messages.safety.pain_rating_invalid),))
        return await self._pain(turn, parsed, rating)

    async def _pain(self, turn: Turn, day: date, rating: int) -> Reply:
        await self.s.store.walks.record_checkin(turn.state.user_id, day, turn.now, pain=rating)
        turn.state.pending = None
        turn.state.pending_data = {}
        lines = [self.texts.checkin_pain_saved.format(rating=rating)]
        if rating >= HIGH_PAIN:
            lines.append(self.texts.checkin_pain_high)
        answers = self.texts.function_answers
        buttons = [
            Button(getattr(answers, answer), Action("checkin_function", f"{day:%Y%m%d}.{answer}"))
            for answer in FUNCTION_ANSWERS
        ]
        lines.append(self.texts.checkin_function)
        return Reply("session", tuple(para(line) for line in lines), buttons=rows(*buttons))

    async def function(self, turn: Turn) -> Reply | None:
        day, _, answer = turn.arg.partition(".")
        parsed = _day(day)
        if parsed is None or answer not in FUNCTION_ANSWERS:
            return None
        await self.s.store.walks.record_checkin(
            turn.state.user_id, parsed, turn.now, function=answer
        )
        key = self._session_key(turn, parsed)
        coach = self.texts
        labels = self.s.content.messages.buttons
        return Reply(
            "session",
            (para(coach.checkin_saved), para(coach.how_was_it)),
            buttons=(
                (
                    Button(coach.too_easy, Action("session_easy", key)),
                    Button(coach.just_right, Action("session_right", key)),
                    Button(coach.too_hard, Action("session_hard", key)),
                ),
                (
                    Button(self.s.content.messages.reminders.buttons.progress, Action("progress")),
                    Button(labels.menu, Action("menu")),
                ),
            ),
        )

    def _session_key(self, turn: Turn, day: date) -> str:
        state = turn.state
        goal = state.goal if state.goal in self.s.content.goals else DEFAULT_GOAL
        level = state.level if state.level in self.s.content.levels else DEFAULT_LEVEL
        return f"{day:%Y%m%d}.{level[0]}.{goal}"


def _day(text: str) -> date | None:
    try:
        return datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None
