"""/progress: this week done against the plan, the streak of weeks on plan, the last 8 weeks,
pain after sessions, and all of it as a chart picture.

Weeks run Monday to Sunday in the user's own timezone. The plan is the number of reminder days
(the recommended minimum of 3 without reminders); it is today's plan, applied to past weeks too.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.brain.routes import Routes, Turn
from bot.brain.services import Services
from bot.model.calendar import week_start, zone_of
from bot.model.reminders import Subscription
from bot.model.reply import Action, Block, Button, Picture, Reply, bullets, para, rows, title
from bot.model.user import UserState
from bot.store.walks import Checkin

RECOMMENDED_PER_WEEK = 3
WEEKS_SHOWN = 8
DONE_MARK, OPEN_MARK = "●", "○"


@dataclass(frozen=True)
class WeekTally:
    start: date
    """The week's Monday."""
    done: int
    planned: int

    @property
    def met(self) -> bool:
        return self.done >= self.planned


@dataclass(frozen=True)
class Standing:
    """Where a user stands: this week, the streak, and the last weeks oldest first."""

    this_week: WeekTally
    streak: int
    weeks: tuple[WeekTally, ...]

    @property
    def last_week(self) -> WeekTally:
        return self.weeks[-2]


def standing(done_dates: set[date], planned: int, today: date) -> Standing:
    """Pure: the tallies from the dates with a completed session."""
    monday = week_start(today)

    def tally(start: date) -> WeekTally:
        done = sum(1 for offset in range(7) if start + timedelta(days=offset) in done_dates)
        return WeekTally(start, done, planned)

    weeks = tuple(tally(monday - timedelta(weeks=n)) for n in reversed(range(WEEKS_SHOWN)))
    this_week = weeks[-1]
    # The current week only counts once met; an unfinished week does not break the streak.
    streak = int(this_week.met)
    earliest = min(done_dates, default=today)
    start = monday - timedelta(weeks=1)
    while start >= week_start(earliest) and tally(start).met:
        streak += 1
        start -= timedelta(weeks=1)
    return Standing(this_week, streak, weeks)


def user_zone(state: UserState, subscription: Subscription | None, default: str) -> ZoneInfo:
    """The reminders' zone, else the one the user gave, else the bot's default."""
    if subscription is not None:
        return subscription.schedule.zone
    return zone_of(state.timezone, default)


class Progress:
    def __init__(self, services: Services):
        self.s = services
        self.texts = services.content.messages.progress

    def routes(self) -> Routes:
        return Routes(commands={"progress": self.show}, actions={"progress": self.show})

    async def standing(
        self, user_id: int, subscription: Subscription | None, today: date
    ) -> Standing:
        planned = len(subscription.schedule.days) if subscription else RECOMMENDED_PER_WEEK
        records = await self.s.store.progress.between(user_id, date.min, today)
        done = {record.local_date for record in records if record.outcome == "done"}
        return standing(done, planned, today)

    async def record_done(self, turn: Turn, day: date) -> tuple[bool, WeekTally]:
        """The one way a session counts as done (from the walk or a reminder's button).

        Returns whether it is new for that day, and that day's week against the user's plan. New
        also to a replay of the turn that counted it (its first attempt lost the user's save to
        another instance): what a new session earns, a level-up, is then not lost.
        """
        user_id, counted = turn.state.user_id, turn.origin.sessions_counted
        fresh = await self.s.store.progress.record(user_id, day, "done", turn.now)
        if fresh:
            counted.add(day)
        fresh = fresh or day in counted
        subscription = await self.s.store.reminders.get(user_id)
        return fresh, (await self.standing(user_id, subscription, day)).this_week

    async def today(self, state: UserState, now: datetime) -> tuple[Subscription | None, date]:
        subscription = await self.s.store.reminders.get(state.user_id)
        zone = user_zone(state, subscription, self.s.config.default_timezone)
        return subscription, now.astimezone(zone).date()

    async def show(self, turn: Turn) -> Reply:
        subscription, today = await self.today(turn.state, turn.now)
        current = await self.standing(turn.state.user_id, subscription, today)
        week = current.this_week
        blocks: list[Block] = [
            title(self.texts.title),
            para(self.texts.this_week.format(done=week.done, planned=week.planned)),
        ]
        if week.met:
            blocks.append(para(self.texts.plan_met))
        blocks.append(para(self.streak_text(current.streak)))
        first = await self._first_week(turn.state.user_id, subscription, today)
        # Weeks before the user started are left out: a row of empty circles helps nobody.
        weeks = [w for w in current.weeks if w.start >= first]
        blocks.append(bullets([self.week_line(w) for w in weeks], self.texts.weeks_heading))
        checkins = await self.s.store.walks.checkins(turn.state.user_id, weeks[0].start, today)
        blocks += self.feeling_lines(checkins)
        if subscription is None:
            blocks.append(para(self.texts.no_plan.format(planned=RECOMMENDED_PER_WEEK)))
        labels = self.s.content.messages.buttons
        return Reply(
            "command",
            tuple(blocks),
            picture=self.chart(weeks, checkins),
            buttons=rows(
                Button(labels.reminders, Action("reminders")),
                Button(self.s.content.messages.summary.buttons.open, Action("summary")),
                Button(labels.menu, Action("menu")),
                per_row=2,
            ),
        )

    async def _first_week(
        self, user_id: int, subscription: Subscription | None, today: date
    ) -> date:
        """The Monday of the week this user started: first session record or subscription."""
        starts = [today]
        oldest = await self.s.store.progress.between(user_id, date.min, today)
        if oldest:
            starts.append(oldest[0].local_date)
        if subscription is not None:
            starts.append(subscription.created_at.astimezone(subscription.schedule.zone).date())
        return week_start(min(starts))

    def feeling_lines(self, checkins: list[Checkin]) -> list[Block]:
        """Pain after sessions, first against latest, and how everyday movements have been."""
        rated = [c.pain for c in checkins if c.pain is not None]
        if not rated:
            return [para(self.texts.pain_none)]
        trend = self.texts.pain_trend if len(rated) > 1 else self.texts.pain_once
        lines = [para(trend.format(first=rated[0], last=rated[-1], count=len(rated)))]
        answers = [c.function for c in checkins if c.function]
        if answers:
            names = self.s.content.messages.coach.function_answers
            lines.append(
                para(self.texts.function_latest.format(answer=getattr(names, answers[-1])))
            )
        return lines

    def chart(self, weeks: list[WeekTally], checkins: list[Checkin]) -> Picture:
        """Sessions per week against the plan, and the week's average pain after sessions."""
        from bot.drawing.chart import ChartData, chart_png  # Pillow loads with the first chart

        pain: list[float | None] = []
        for week in weeks:
            ratings = [
                c.pain
                for c in checkins
                if c.pain is not None and week.start <= c.day < week.start + timedelta(days=7)
            ]
            pain.append(sum(ratings) / len(ratings) if ratings else None)
        months = self.s.content.messages.reminders.months
        data = ChartData(
            weeks=tuple(
                self.texts.week_label.format(day=w.start.day, month=months[w.start.month - 1])
                for w in weeks
            ),
            done=tuple(w.done for w in weeks),
            planned=weeks[-1].planned,
            pain=tuple(pain),
            title=self.texts.chart_title,
            sessions_label=self.texts.chart_sessions,
            plan_label=self.texts.chart_plan,
            pain_label=self.texts.chart_pain,
        )
        png = chart_png(data)
        digest = hashlib.sha256(png).hexdigest()[:12]
        return Picture(key=f"chart:{digest}", filename="progress.png", data=png)

    def streak_text(self, weeks: int) -> str:
        if weeks == 0:
            return self.texts.streak_none
        if weeks == 1:
            return self.texts.streak_one
        return self.texts.streak.format(weeks=weeks)

    def week_line(self, week: WeekTally) -> str:
        marks = DONE_MARK * week.done + OPEN_MARK * max(0, week.planned - week.done)
        label = self.texts.week_label.format(
            day=week.start.day, month=self.s.content.messages.reminders.months[week.start.month - 1]
        )
        return self.texts.week_line.format(
            week=label, marks=marks, done=week.done, planned=week.planned
        )
