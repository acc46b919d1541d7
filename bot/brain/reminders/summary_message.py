"""The weekly summary a subscriber opted into: sessions against the plan, the pain trend, and one
honest, encouraging line.

On a Sunday it looks at the week ending that day; on any other day at the last full week (a
Monday summary would otherwise always say "0 sessions"). Weeks run Monday to Sunday, as in
/progress. While the user is on safety hold it pushes no exercise: it only asks how they are.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.brain.coach.progress import Progress
from bot.brain.services import Services
from bot.model.calendar import week_start
from bot.model.reminders import Delivery
from bot.model.reply import Action, Block, Button, Reply, note, para, rows, title
from bot.model.user import UserState
from bot.store.walks import Checkin

SUNDAY = 6
CHANGE = 1.0
"""A week's average pain after sessions has moved when it differs by a point or more."""


class SummaryMessage:
    def __init__(self, services: Services, progress: Progress):
        self.s = services
        self.progress = progress
        self.texts = services.content.messages.summary

    async def compose(self, delivery: Delivery, state: UserState, now: datetime) -> Reply:
        """The weekly summary for the subscriber whose state this is."""
        subscription = delivery.subscription
        texts, labels = self.texts, self.s.content.messages.buttons
        blocks: list[Block] = [title(texts.title)]
        if state.safety_hold:
            blocks.append(para(texts.on_hold))
            return Reply(
                "command",
                tuple(blocks),
                buttons=rows(
                    Button(labels.pain, Action("pain")),
                    Button(labels.menu, Action("menu")),
                    per_row=2,
                ),
            )
        day = date.fromisoformat(delivery.slot[:10])
        ending = day.weekday() == SUNDAY
        monday = week_start(day) if ending else week_start(day) - timedelta(weeks=1)
        sunday = monday + timedelta(days=6)
        standing = await self.progress.standing(subscription.user_id, subscription, sunday)
        week = standing.this_week
        sessions = texts.this_week if ending else texts.last_week
        blocks.append(para(sessions.format(done=week.done, planned=week.planned)))
        checkins = await self.s.store.walks.checkins(
            subscription.user_id, monday - timedelta(weeks=1), sunday
        )
        blocks.append(para(self._pain_line(checkins, monday)))
        encouragement = texts.met if week.met else texts.some if week.done else texts.none
        blocks.append(para(encouragement))
        blocks.append(note(texts.footer))
        return Reply(
            "command",
            tuple(blocks),
            buttons=rows(
                Button(labels.session, Action("session")),
                Button(self.s.content.messages.reminders.buttons.progress, Action("progress")),
                Button(labels.menu, Action("menu")),
                per_row=2,
            ),
        )

    def _pain_line(self, checkins: list[Checkin], monday: date) -> str:
        """That week's average pain after sessions, against the week before."""
        texts = self.texts
        now = _average([c.pain for c in checkins if c.pain is not None and c.day >= monday])
        before = _average([c.pain for c in checkins if c.pain is not None and c.day < monday])
        if now is None:
            return texts.pain_none
        shown = {"now": _rounded(now), "before": _rounded(before) if before is not None else ""}
        if before is None:
            return texts.pain_only.format(**shown)
        if now <= before - CHANGE:
            return texts.pain_down.format(**shown)
        if now >= before + CHANGE:
            return texts.pain_up.format(**shown)
        return texts.pain_same.format(**shown)


def _average(ratings: list[int]) -> float | None:
    return sum(ratings) / len(ratings) if ratings else None


def _rounded(value: float) -> int:
    """Half up (4.5 → 5), not Python's half to even."""
    return int(value + 0.5)
