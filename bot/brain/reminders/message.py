"""The reminder a subscriber receives, and its buttons: done, snooze 1 h, skip today, it hurts.

While a user is on safety hold (after an emergency/urgent reply) the reminder carries no session:
it is a short check-in offering "I've been checked and cleared", pause and the pain check, so the
bot neither pushes exercises nor goes silent on someone who may be struggling.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta

from bot.brain.coach.progress import Progress
from bot.brain.reminders.subscribe import when_label
from bot.brain.routes import Routes, Turn
from bot.brain.services import Services
from bot.model.reminders import Delivery, Subscription
from bot.model.reply import Action, Block, Button, Reply, note, para, rows, title
from bot.model.schedule import snooze_key, split_slot
from bot.model.user import UserState

SNOOZE = timedelta(hours=1)
MAX_SNOOZES = 3
LATE_AFTER = timedelta(minutes=10)
"""A burst spread over a few minutes is not "late"; a reminder sent after downtime is."""
BUTTON_DAYS = 7
"""Done / skip buttons of reminders up to a week old still count."""


class ReminderMessage:
    def __init__(
        self,
        services: Services,
        progress: Progress,
        level_up_after_streak: Callable[[UserState, datetime], Awaitable[str | None]],
        preview: Callable[[UserState, date], tuple[Block, ...]],
    ):
        self.s = services
        self.progress = progress
        self._level_up_after_streak = level_up_after_streak
        """The coach's progression check, so "done" here counts towards levelling up too."""
        self._preview = preview
        """Today's session in a few lines (from the coach)."""
        self.texts = services.content.messages.reminders

    def routes(self) -> Routes:
        return Routes(
            actions={
                "reminder_done": self.done,
                "reminder_done_yes": self.done_confirmed,
                "reminder_snooze": self.snooze,
                "reminder_skip": self.skip,
            }
        )

    async def compose(self, delivery: Delivery, state: UserState, now: datetime) -> Reply:
        """The message for one delivery (a scheduled slot or a snooze) to the subscriber whose
        state this is."""
        subscription = delivery.subscription
        parts = split_slot(delivery.slot)
        if parts is None:
            raise ValueError(f"not a slot key: {delivery.slot!r}")
        day = parts[0]
        if state.safety_hold:
            return self._check_in()
        texts = self.texts
        blocks: list[Block] = [title(texts.reminder_title)]
        if now - delivery.due > LATE_AFTER:
            due = delivery.due.astimezone(subscription.schedule.zone).strftime("%H:%M")
            blocks.append(note(texts.late_note.format(time=due)))
        blocks.extend(self._preview(state, day))
        labels = texts.buttons
        start = ((Button(self.s.content.messages.buttons.session, Action("session")),),)
        return Reply(
            "session",
            tuple(blocks),
            buttons=start
            + rows(
                Button(labels.done, Action("reminder_done", day.isoformat())),
                Button(labels.snooze, Action("reminder_snooze", delivery.slot)),
                Button(labels.skip, Action("reminder_skip", day.isoformat())),
                Button(self.s.content.messages.buttons.pain, Action("pain")),
                per_row=2,
            ),
        )

    def _check_in(self) -> Reply:
        safety = self.s.content.messages.safety
        return Reply(
            "command",
            (para(self.texts.check_in),),
            buttons=rows(
                Button(safety.cleared_button, Action("cleared")),
                Button(safety.pause_reminders, Action("pause_reminders")),
                Button(self.s.content.messages.buttons.pain, Action("pain")),
            ),
        )

    # -- the buttons ------------------------------------------------------------------------------

    async def done(self, turn: Turn) -> Reply | None:
        """ "Done" on a reminder: asked plainly whether they did that session on their own; only a
        yes counts it, a no offers to start it."""
        found = await self._subscription_and_day(turn)
        if found is None:
            return None
        _, day = found
        texts = self.texts
        labels = texts.buttons
        question = texts.done_question.format(
            weekday=texts.weekdays[day.weekday()],
            date=day.day,
            month=texts.month_names[day.month - 1],
        )
        return Reply(
            "command",
            (para(question),),
            buttons=(
                (Button(labels.done_yes, Action("reminder_done_yes", day.isoformat())),),
                (Button(labels.done_no, Action("session")),),
            ),
        )

    async def done_confirmed(self, turn: Turn) -> Reply | None:
        """They did it on their own: it counts (once per day), as the coach's self-report does."""
        found = await self._subscription_and_day(turn)
        if found is None:
            return None
        subscription, day = found
        recorded, week = await self.progress.record_done(turn, day)
        await self.s.store.reminders.cancel_snoozes(subscription.id, day.isoformat())
        if not recorded:
            blocks = [para(self.texts.done_again)]
        else:
            blocks = [para(self.texts.done.format(done=week.done, planned=week.planned))]
            if week.met:
                blocks.append(para(self.s.content.messages.progress.plan_met))
            level_up = await self._level_up_after_streak(turn.state, turn.now)
            if level_up:
                blocks.append(para(level_up))
        return self._answer(blocks)

    async def skip(self, turn: Turn) -> Reply | None:
        found = await self._subscription_and_day(turn)
        if found is None:
            return None
        subscription, day = found
        await self.s.store.progress.record(turn.state.user_id, day, "skipped", turn.now)
        await self.s.store.reminders.cancel_snoozes(subscription.id, day.isoformat())
        blocks = [para(self.texts.skipped)]
        if subscription.running and subscription.next_due:
            when = when_label(self.texts, subscription.next_due, subscription.schedule)
            blocks.append(para(self.texts.next.format(when=when)))
        return self._answer(blocks)

    async def snooze(self, turn: Turn) -> Reply | None:
        parts = split_slot(turn.arg)
        subscription = await self.s.store.reminders.get(turn.state.user_id)
        if parts is None or subscription is None or not subscription.running:
            return None
        day, base, snoozes = parts
        today = turn.now.astimezone(subscription.schedule.zone).date()
        if not timedelta(0) <= today - day <= timedelta(days=1):
            return None
        if snoozes >= MAX_SNOOZES:
            return self._answer([para(self.texts.snooze_limit.format(count=snoozes))])
        key = snooze_key(base, snoozes + 1)
        reminders = self.s.store.reminders
        due = turn.now + SNOOZE
        created = await reminders.snooze(subscription.id, key, due)
        text = self.texts.snoozed
        if not created:
            due = await reminders.snoozed_until(subscription.id, key) or due
            text = self.texts.snoozed_already
        local = due.astimezone(subscription.schedule.zone).strftime("%H:%M")
        return Reply("command", (para(text.format(time=local)),))

    async def _subscription_and_day(self, turn: Turn) -> tuple[Subscription, date] | None:
        """The user's subscription and the button's day, if that day is recent enough."""
        subscription = await self.s.store.reminders.get(turn.state.user_id)
        try:
            day = date.fromisoformat(turn.arg)
        except ValueError:
            return None
        if subscription is None:
            return None
        today = turn.now.astimezone(subscription.schedule.zone).date()
        if not timedelta(0) <= today - day < timedelta(days=BUTTON_DAYS):
            return None
        return subscription, day

    def _answer(self, blocks: list[Block]) -> Reply:
        labels = self.s.content.messages.buttons
        return Reply(
            "command",
            tuple(blocks),
            buttons=rows(
                Button(self.texts.buttons.progress, Action("progress")),
                Button(labels.menu, Action("menu")),
                per_row=2,
            ),
        )
