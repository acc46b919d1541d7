"""Turning the weekly summary on (on a chosen day) and off: buttons, `/summary` and free text.

The summary comes at the reminder time in the reminders' timezone, so it needs reminders; its
day defaults to the user's first reminder day of the week. Only ever in a private chat.
"""

from __future__ import annotations

from bot.brain.routes import Routes, Turn
from bot.brain.services import Services
from bot.content.messages import SummaryMessages
from bot.language.commands import parse_day_words
from bot.language.summary_request import SummaryRequest, Wish, summary_request
from bot.model.reminders import Subscription
from bot.model.reply import Action, Block, Button, Reply, note, para, rows

SUNDAY = 6
DAYS = {str(day) for day in range(7)}


def default_day(subscription: Subscription) -> int:
    """The first reminder day of the week (Sunday if, somehow, there is none)."""
    return min(subscription.schedule.days, default=SUNDAY)


def summary_status(texts: SummaryMessages, weekdays: list[str], subscription: Subscription) -> str:
    """ "Weekly summary: on, every Sunday at 18:30." or "… off." """
    if subscription.summary_day is None:
        return texts.status_off
    return texts.status_on.format(
        day=weekdays[subscription.summary_day], time=subscription.schedule.time_text
    )


class SummarySettings:
    def __init__(self, services: Services):
        self.s = services
        self.texts = services.content.messages.summary

    def routes(self) -> Routes:
        return Routes(
            commands={"summary": self.asked},
            actions={"summary": self.pressed, "remind_summary": self.pressed},
        )

    async def asked(self, turn: Turn) -> Reply:
        """`/summary`, `/summary sunday`, or words that name the summary (run by the FAQ)."""
        request = summary_request(turn.text) if turn.text else SummaryRequest("ask")
        if request is None:  # "/summary sunday": the command names the summary already
            days = sorted(parse_day_words(turn.text))
            request = SummaryRequest("on", days[0]) if days else SummaryRequest("ask")
        return await self._apply(turn, request.wish, request.day)

    async def pressed(self, turn: Turn) -> Reply | None:
        """ "" shows the settings; "on" (the default day), "off", or a weekday "0"–"6"."""
        if turn.arg == "":
            return await self._apply(turn, "ask", None)
        if turn.arg in ("on", "off"):
            return await self._apply(turn, turn.arg, None)
        if turn.arg in DAYS:
            return await self._apply(turn, "on", int(turn.arg))
        return None

    async def _apply(self, turn: Turn, wish: Wish, day: int | None) -> Reply:
        if turn.state.chat_id < 0:  # a group: nothing personal is ever sent there
            return self.s.menu_reply("command", self.s.content.messages.general.private_only)
        subscription = await self.s.store.reminders.get(turn.state.user_id)
        if subscription is None:
            return self._needs_reminders()
        if wish == "ask":
            return self._screen(subscription)
        summaries = self.s.store.summaries
        if wish == "off":
            changed = await summaries.set_day(turn.state.user_id, None, turn.now)
            return self._screen(changed or subscription, self.texts.turned_off)
        chosen = day if day is not None else subscription.summary_day
        chosen = default_day(subscription) if chosen is None else chosen
        changed = await summaries.set_day(turn.state.user_id, chosen, turn.now)
        assert changed is not None
        lead = self.texts.turned_on.format(
            day=self._weekdays[chosen], time=changed.schedule.time_text
        )
        return self._screen(changed, lead)

    @property
    def _weekdays(self) -> list[str]:
        return self.s.content.messages.reminders.weekdays

    def _needs_reminders(self) -> Reply:
        labels = self.s.content.messages.buttons
        return Reply(
            "command",
            (para(self.texts.needs_reminders),),
            buttons=rows(
                Button(self.texts.buttons.setup, Action("remind")),
                Button(labels.menu, Action("menu")),
            ),
        )

    def _screen(self, subscription: Subscription, lead: str | None = None) -> Reply:
        """The status (or what just changed), a button per weekday, and "off" while it is on."""
        texts = self.texts
        blocks: list[Block] = []
        if lead:
            blocks.append(para(lead))
        else:
            blocks.append(para(texts.offer.format(time=subscription.schedule.time_text)))
            blocks.append(para(summary_status(texts, self._weekdays, subscription)))
        if not subscription.running:  # honest: nothing goes out until the reminders run again
            reminders = self.s.content.messages.reminders
            held = reminders.paused_status if subscription.active else reminders.stopped_status
            blocks.append(note(f"{held} {texts.not_sent}"))
        names = self.s.content.messages.reminders.day_names
        days = [
            Button(
                (
                    texts.buttons.chosen_day
                    if day == subscription.summary_day
                    else texts.buttons.day
                ).format(day=name),
                Action("summary", str(day)),
            )
            for day, name in enumerate(names)
        ]
        labels = self.s.content.messages.buttons
        last = [Button(labels.menu, Action("menu"))]
        if subscription.summary_day is not None:
            last.insert(0, Button(texts.buttons.turn_off, Action("summary", "off")))
        return Reply(
            "command",
            tuple(blocks),
            buttons=(tuple(days[:4]), tuple(days[4:]), tuple(last)),
        )
