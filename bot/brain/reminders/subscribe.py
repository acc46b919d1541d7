"""Subscribing to reminders (`/remind`, guided or in one line) and managing them (`/reminders`).

The guided flow keeps its answers in `state.pending_data` ("remind_days", "remind_time"), so an
old button from an abandoned flow finds them missing and expires instead of acting.
"""

from __future__ import annotations

from datetime import datetime, time

from bot.brain.reminders.summary_settings import summary_status
from bot.brain.routes import Routes, Turn
from bot.brain.services import Services
from bot.content.messages import ReminderMessages
from bot.language.commands import (
    ReminderRequest,
    english_day_names,
    parse_clock,
    reminder_request,
)
from bot.language.timezones import find_timezone
from bot.model.reminders import Subscription
from bot.model.reply import Action, Block, Button, Reply, bullets, note, para, rows
from bot.model.schedule import Schedule, ScheduleInputError, parse_shortcut, parse_time, upcoming

PRESETS = ((0, 2, 4), (1, 3, 5), (0, 2, 4, 6))
COMMON_TIMES = ("07:00", "08:00", "12:00", "17:00", "18:00", "19:00", "20:00", "21:00")
RECOMMENDED_DAYS = range(3, 5)
MAX_TIME_WORDS = 4
"""Longer messages at the time step ("is 30 minutes enough?") are questions for the FAQ."""
MAX_TIMEZONE_WORDS = 4
"""A longer message at the timezone step is a question, not a place: it goes to the FAQ."""
MAX_TIMEZONE_CHARS = 60
"""No town or country name is longer; the search's cost grows fast with its query's length."""


def days_label(texts: ReminderMessages, days: frozenset[int] | set[int]) -> str:
    return ", ".join(texts.day_names[day] for day in sorted(days))


def when_label(texts: ReminderMessages, moment: datetime, schedule: Schedule) -> str:
    """ "Wed 7 Jan at 18:30", in the schedule's zone (the real instant, after any DST move)."""
    local = moment.astimezone(schedule.zone)
    return texts.when.format(
        day=texts.day_names[local.weekday()],
        date=local.day,
        month=texts.months[local.month - 1],
        time=local.strftime("%H:%M"),
    )


def encode_zone(zone: str) -> str:
    """Button arguments cannot hold "/"; no IANA name contains ":"."""
    return zone.replace("/", ":")


def decode_zone(arg: str) -> str:
    return arg.replace(":", "/")


class Reminders:
    def __init__(self, services: Services):
        self.s = services
        self.texts = services.content.messages.reminders

    def routes(self) -> Routes:
        return Routes(
            commands={
                "remind": self.remind,
                "reminders": self.manage,
                "remind_change": self.change,
                "remind_pause": self.pause,
                "remind_resume": self.resume,
                "remind_stop": self.stop,
            },
            actions={
                "remind": self.start_flow,
                "remind_days": self.preset_pressed,
                "remind_day": self.day_toggled,
                "remind_days_ok": self.days_confirmed,
                "remind_time": self.time_pressed,
                "remind_tz": self.zone_pressed,
                "reminders": self.manage,
                "remind_change": self.change,
                "remind_pause": self.pause,
                "remind_resume": self.resume,
                "remind_stop": self.stop,
                "pause_reminders": self.pause,
                "resume_reminders": self.resume,
                "stop_reminders": self.stop,
            },
            pending={"remind_time": self.time_typed, "remind_tz": self.zone_typed},
        )

    # -- /remind ----------------------------------------------------------------------------------

    async def remind(self, turn: Turn) -> Reply:
        """No arguments: the guided flow. Otherwise the one-line form `mon,wed,fri 18:30 Oslo`."""
        if not turn.text:
            return await self.start_flow(turn)
        words = reminder_request(turn.text)
        if words is not None:  # asked in words: "can u remind me mon wed fri at 7:30 am"
            return await self._from_words(turn, words.days, words.at, None)
        try:
            request = parse_shortcut(english_day_names(turn.text))
        except ScheduleInputError as error:
            words = reminder_request(turn.text, about_reminders=True)
            if error.problem != "bad_time" or words is None or not words.at or not words.days:
                return self._input_error(error, guided_button=True)
            return await self._from_words(turn, words.days, words.at, None)
        turn.state.pending_data = {
            "remind_days": sorted(request.days),
            "remind_time": request.at.strftime("%H:%M"),
        }
        if not request.timezone_query:
            return await self._subscribe(turn, self._default_zone(turn))
        return await self._zone_answer(turn, request.timezone_query)

    async def _from_words(
        self, turn: Turn, days: frozenset[int], at: time | None, zone: str | None
    ) -> Reply:
        """Days and/or a time understood from words: subscribe, or ask for what is missing."""
        if not days:
            turn.state.pending = None
            turn.state.pending_data = {"remind_days": []}
            if at is not None:
                turn.state.pending_data["remind_time"] = at.strftime("%H:%M")
            return self._days_picker(set())
        turn.state.pending_data = {"remind_days": sorted(days)}
        if at is None:
            return self._ask_time(turn)
        turn.state.pending_data["remind_time"] = at.strftime("%H:%M")
        return await self._subscribe(turn, zone or self._default_zone(turn))

    async def change(self, turn: Turn) -> Reply:
        """ "change my reminder to 7am", "an hour later": the schedule kept but what was named."""
        request = reminder_request(turn.text, about_reminders=True) or ReminderRequest("change")
        subscription = await self.s.store.reminders.get(turn.state.user_id)
        if subscription is None:
            return await self._from_words(turn, request.days, request.at, None)
        schedule = subscription.schedule
        at = request.at
        if at is None and request.shift_minutes:
            minutes = (schedule.at.hour * 60 + schedule.at.minute + request.shift_minutes) % 1440
            at = time(minutes // 60, minutes % 60)
        if at is None and not request.days:
            return await self.start_flow(turn)
        return await self._from_words(
            turn, request.days or schedule.days, at or schedule.at, schedule.timezone
        )

    async def start_flow(self, turn: Turn) -> Reply:
        turn.state.pending = None
        turn.state.pending_data = {"remind_days": []}
        return self._days_picker(set())

    def _days_picker(self, chosen: set[int], lead: str | None = None) -> Reply:
        texts, labels = self.texts, self.texts.buttons
        blocks: list[Block] = [para(lead)] if lead else []
        blocks.append(para(texts.days_question))
        if chosen:
            blocks.append(para(texts.days_chosen.format(days=days_label(texts, chosen))))
        presets = [
            Button(
                " · ".join(texts.day_names[d] for d in preset), Action("remind_days", _ints(preset))
            )
            for preset in PRESETS
        ]
        toggles = []
        for day, name in enumerate(texts.day_names):
            label = labels.chosen_day.format(day=name) if day in chosen else name
            toggles.append(Button(label, Action("remind_day", str(day))))
        return Reply(
            "command",
            tuple(blocks),
            buttons=(
                *rows(*presets, per_row=1),
                tuple(toggles[:4]),
                tuple(toggles[4:]),
                (Button(labels.next, Action("remind_days_ok")),),
            ),
        )

    async def preset_pressed(self, turn: Turn) -> Reply | None:
        days = _parse_ints(turn.arg)
        if days is None or tuple(sorted(days)) not in PRESETS:
            return None
        turn.state.pending_data = {"remind_days": sorted(days)}
        return self._ask_time(turn)

    async def day_toggled(self, turn: Turn) -> Reply | None:
        chosen = self._flow_days(turn)
        if chosen is None or turn.arg not in {str(day) for day in range(7)}:
            return None
        chosen ^= {int(turn.arg)}
        turn.state.pending_data = {"remind_days": sorted(chosen)}
        return self._days_picker(chosen)

    async def days_confirmed(self, turn: Turn) -> Reply | None:
        chosen = self._flow_days(turn)
        if chosen is None:
            return None
        if not chosen:
            return self._days_picker(chosen, lead=self.texts.no_days_chosen)
        known = turn.state.pending_data.get("remind_time")
        if isinstance(known, str) and known:  # the time was named already ("remind me at 7")
            return self._time_chosen(turn, parse_time(known))
        return self._ask_time(turn)

    def _ask_time(self, turn: Turn) -> Reply:
        turn.state.pending = "remind_time"
        times = [Button(value, Action("remind_time", value)) for value in COMMON_TIMES]
        return Reply("command", (para(self.texts.time_question),), buttons=rows(*times, per_row=4))

    async def time_pressed(self, turn: Turn) -> Reply | None:
        if self._flow_days(turn) is None or turn.arg not in COMMON_TIMES:
            return None
        return self._time_chosen(turn, parse_time(turn.arg))

    async def time_typed(self, turn: Turn) -> Reply | None:
        words = turn.text.split()
        if self._flow_days(turn) is None or len(words) > MAX_TIME_WORDS or "?" in turn.text:
            return None  # a sentence, not an answer to "what time?": the pipeline handles it
        if not any(char.isdigit() for char in turn.text) and parse_clock(turn.text) is None:
            return None
        try:
            at = parse_time(turn.text)
        except ScheduleInputError as error:
            at = parse_clock(turn.text)  # 7:30am, 730am, 7.30, 19h, half past seven
            if at is None and len(words) > 1:
                return None  # words, not a time: the pipeline handles them
            if at is None:
                return self._input_error(error)
        return self._time_chosen(turn, at)

    def _time_chosen(self, turn: Turn, at: time) -> Reply:
        turn.state.pending_data["remind_time"] = at.strftime("%H:%M")
        turn.state.pending = "remind_tz"
        zone = self._default_zone(turn)
        keep = Button(self.texts.buttons.keep_timezone.format(timezone=zone), Action("remind_tz"))
        return Reply(
            "command",
            (para(self.texts.timezone_question.format(timezone=zone)),),
            buttons=((keep,),),
        )

    async def zone_pressed(self, turn: Turn) -> Reply | None:
        if self._flow_time(turn) is None:
            return None
        zone = decode_zone(turn.arg) if turn.arg else self._default_zone(turn)
        if find_timezone(zone).zone != zone:
            return None
        return await self._subscribe(turn, zone)

    async def zone_typed(self, turn: Turn) -> Reply | None:
        if self._flow_time(turn) is None:
            return None
        if len(turn.text.split()) > MAX_TIMEZONE_WORDS or "?" in turn.text:
            return None
        return await self._zone_answer(turn, turn.text)

    async def _zone_answer(self, turn: Turn, query: str) -> Reply:
        if len(query) > MAX_TIMEZONE_CHARS or len(query.split()) > MAX_TIMEZONE_WORDS:
            error = ScheduleInputError("unknown_timezone", query[:MAX_TIMEZONE_CHARS])
            return self._input_error(error)
        found = find_timezone(query)
        if found.zone:
            return await self._subscribe(turn, found.zone)
        turn.state.pending = "remind_tz"
        value = query.strip()
        if found.suggestions:
            buttons = [
                Button(zone, Action("remind_tz", encode_zone(zone))) for zone in found.suggestions
            ]
            text = self.texts.timezone_suggestions.format(value=value)
            return Reply("clarify", (para(text),), buttons=rows(*buttons))
        error = ScheduleInputError("unknown_timezone", value)
        return self._input_error(error)

    async def _subscribe(self, turn: Turn, zone: str) -> Reply:
        days, at = self._flow_days(turn), self._flow_time(turn)
        assert days and at is not None
        schedule = Schedule(frozenset(days), at, zone)
        state = turn.state
        if state.is_new:  # the subscription refers to the users row
            await self.s.store.users.save(state, turn.now)
        subscription = await self.s.store.reminders.subscribe(
            state.user_id, state.chat_id, schedule, turn.now
        )
        subscription = await self._summary_follows(subscription, turn)
        state.timezone = zone
        state.pending = None
        state.pending_data = {}
        return self._confirmation(subscription, turn.now)

    def _confirmation(self, subscription: Subscription, now: datetime) -> Reply:
        texts, schedule = self.texts, subscription.schedule
        blocks: list[Block] = [
            para(texts.saved.format(**self._schedule_fields(schedule))),
            bullets(
                [when_label(texts, slot.due, schedule) for slot in upcoming(schedule, now)],
                texts.next_three,
            ),
        ]
        count = len(schedule.days)
        if count < RECOMMENDED_DAYS.start:
            blocks.append(note(texts.few_days_note))
        elif count > RECOMMENDED_DAYS[-1]:
            blocks.append(note(texts.many_days_note))
        labels = self.s.content.messages.buttons
        return Reply(
            "command",
            tuple(blocks),
            buttons=rows(
                Button(texts.buttons.manage, Action("reminders")),
                Button(labels.menu, Action("menu")),
                per_row=2,
            ),
        )

    def _input_error(self, error: ScheduleInputError, guided_button: bool = False) -> Reply:
        problem = getattr(self.texts.errors, error.problem)
        buttons = ()
        if guided_button:
            buttons = ((Button(self.texts.buttons.guided, Action("remind")),),)
        return Reply(
            "clarify",
            (para(problem.format(value=error.value)), para(self.texts.errors.example)),
            buttons=buttons,
        )

    def _flow_days(self, turn: Turn) -> set[int] | None:
        days = turn.state.pending_data.get("remind_days")
        if not isinstance(days, list) or not all(d in range(7) for d in days):
            return None
        return set(days)

    def _flow_time(self, turn: Turn) -> time | None:
        value = turn.state.pending_data.get("remind_time")
        if not self._flow_days(turn) or not isinstance(value, str):
            return None
        try:
            return parse_time(value)
        except ScheduleInputError:
            return None

    def _default_zone(self, turn: Turn) -> str:
        zone = turn.state.timezone
        return zone if zone and find_timezone(zone).zone == zone else self.s.config.default_timezone

    # -- /reminders -------------------------------------------------------------------------------

    async def manage(self, turn: Turn) -> Reply:
        subscription = await self.s.store.reminders.get(turn.state.user_id)
        if subscription is None:
            return self._none_yet()
        return self._overview(subscription, turn.now)

    def _none_yet(self, lead: str | None = None) -> Reply:
        blocks = [para(lead)] if lead else []
        return Reply(
            "command",
            (*blocks, para(self.texts.none)),
            buttons=rows(
                Button(self.texts.buttons.setup, Action("remind")),
                Button(self.s.content.messages.buttons.menu, Action("menu")),
            ),
        )

    def _overview(
        self, subscription: Subscription, now: datetime, lead: str | None = None
    ) -> Reply:
        texts, labels = self.texts, self.texts.buttons
        schedule = subscription.schedule
        blocks: list[Block] = [para(lead)] if lead else []
        blocks.append(para(texts.status.format(**self._schedule_fields(schedule))))
        if not subscription.active:
            blocks.append(para(texts.stopped_status))
            switch = Button(labels.turn_on, Action("resume_reminders"))
        elif subscription.paused:
            blocks.append(para(texts.paused_status))
            switch = Button(labels.resume, Action("resume_reminders"))
        else:
            when = when_label(texts, _next_due(subscription, now), schedule)
            blocks.append(para(texts.next.format(when=when)))
            switch = Button(labels.pause, Action("pause_reminders"))
        summary = self.s.content.messages.summary
        blocks.append(para(summary_status(summary, texts.weekdays, subscription)))
        buttons = [switch, Button(labels.change, Action("remind"))]
        if subscription.active:
            buttons.append(Button(labels.stop, Action("stop_reminders")))
        buttons += [
            Button(summary.buttons.open, Action("summary")),
            Button(labels.progress, Action("progress")),
        ]
        buttons.append(Button(self.s.content.messages.buttons.menu, Action("menu")))
        return Reply("command", tuple(blocks), buttons=rows(*buttons, per_row=2))

    async def pause(self, turn: Turn) -> Reply:
        """Also offered on emergency/urgent safety replies."""
        reminders = self.s.store.reminders
        subscription = await reminders.get(turn.state.user_id)
        if subscription is None:
            return self.s.menu_reply("command", self.texts.nothing_to_pause)
        if subscription.running:
            subscription = await reminders.pause(turn.state.user_id, turn.now)
            assert subscription is not None
            return self._overview(subscription, turn.now, lead=self.texts.paused)
        return self._overview(subscription, turn.now, lead=self.texts.nothing_to_pause)

    async def resume(self, turn: Turn) -> Reply:
        subscription = await self.s.store.reminders.resume(turn.state.user_id, turn.now)
        if subscription is None:
            return self._none_yet()
        subscription = await self._summary_follows(subscription, turn)
        return self._overview(subscription, turn.now, lead=self.texts.resumed)

    async def stop(self, turn: Turn) -> Reply:
        subscription = await self.s.store.reminders.stop(turn.state.user_id, turn.now)
        if subscription is None:
            return self._none_yet()
        return self._overview(subscription, turn.now, lead=self.texts.stopped)

    async def _summary_follows(self, subscription: Subscription, turn: Turn) -> Subscription:
        """A weekly summary that is on moves with the reminders' new time or zone, and starts
        from its next day after a pause (no late summary on resuming)."""
        if subscription.summary_day is None:
            return subscription
        summaries = self.s.store.summaries
        moved = await summaries.set_day(subscription.user_id, subscription.summary_day, turn.now)
        return moved or subscription

    def _schedule_fields(self, schedule: Schedule) -> dict[str, str]:
        return {
            "days": days_label(self.texts, schedule.days),
            "time": schedule.time_text,
            "timezone": schedule.timezone,
        }


def _next_due(subscription: Subscription, now: datetime) -> datetime:
    if subscription.next_due and subscription.next_due > now:
        return subscription.next_due
    return upcoming(subscription.schedule, now, 1)[0].due


def _ints(values: tuple[int, ...]) -> str:
    return ",".join(str(value) for value in values)


def _parse_ints(arg: str) -> set[int] | None:
    try:
        return {int(part) for part in arg.split(",")}
    except ValueError:
        return None
