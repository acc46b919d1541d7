"""The exercise coach: today's session, its walk (walk.py) and check-in (checkin.py), feedback
and progression, the guide. Session buttons carry a SessionRef (refs.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta

from bot.brain.coach import checkin, walk
from bot.brain.coach.checkin import Checkin
from bot.brain.coach.profile import change_level, ensure_user_row
from bot.brain.coach.progress import Progress
from bot.brain.coach.progression import (
    LevelChange,
    exercise_feedback,
    session_feedback,
    streak_progress,
)
from bot.brain.coach.refs import SessionRef, parse_ref
from bot.brain.coach.session_cards import onward_buttons, preview_blocks, session_overview
from bot.brain.coach.sessions import DEFAULT_LEVEL, SessionPlan, build_session
from bot.brain.coach.walk import Walker
from bot.brain.routes import Routes, Turn
from bot.brain.services import Services
from bot.content.models import LEVELS, Exercise
from bot.model.calendar import local_date
from bot.model.reply import Action, Block, Button, Document, Reply, para
from bot.model.user import UserState
from bot.store.walks import Walk

Escalate = Callable[..., Awaitable[Reply]]
"""`Safety.escalate`: pain during a session gets the same safety reply as pain typed in chat."""


class Coach:
    def __init__(self, services: Services, progress: Progress, escalate: Escalate):
        self.s = services
        self._progress = progress
        self.texts = services.content.messages.coach
        self._checkin = Checkin(services)
        self._walker = Walker(
            services,
            resolve=self._resolve,
            level_of=self._level,
            finish=self._walked,
            escalate=escalate,
        )

    def routes(self) -> Routes:
        walking = self._walker.actions()
        return Routes(
            commands={"session": self.today, "guide": self.guide},
            actions={
                "session": self.today,
                **walking,
                "session_easy": self.too_easy,
                "session_hard": self.too_hard,
                "session_right": self.just_right,
                "session_self": self.self_report,
                "session_self_yes": self.self_confirmed,
                **self._checkin.actions(),
                "guide": self.guide,
            },
            pending={walk.PENDING: self._typed_in_walk, checkin.PENDING: self._checkin.typed_pain},
            sticky=frozenset({walk.PENDING}),
            held=frozenset(
                {"session", "guide", "session_easy", "session_hard", "session_self_yes"}
                | (walking.keys() - {"session_hurt", "session_stop"})
            ),
        )

    # -- sessions ---------------------------------------------------------------------------------

    def plan(self, state: UserState, day: date) -> SessionPlan:
        return build_session(
            self.s.content, state.goal, state.level, state.stages, state.user_id, day
        )

    def preview(self, state: UserState, day: date) -> tuple[Block, ...]:
        """Today's session in a few lines (reminder messages show it)."""
        return preview_blocks(self.s.content, self.plan(state, day))

    async def today(self, turn: Turn) -> Reply:
        """The overview; with an unfinished walk of today's session, its Resume button."""
        plan = self.plan(turn.state, self._today(turn))
        ref = SessionRef(plan.day, plan.level, plan.goal)
        walking = await self._walker.current(turn.state.user_id, ref)
        resume_at = None
        if walking is not None and walking.position < len(plan.items):
            resume_at = walking.position
            turn.state.pending = walk.PENDING
        return session_overview(
            self.s.content, plan, ref, self._level(turn.state), turn.state.onboarded, resume_at
        )

    async def _typed_in_walk(self, turn: Turn) -> Reply | None:
        stored = await self.s.store.walks.get(turn.state.user_id)
        ref = Walker.today_ref(stored, self._today(turn))
        reply = await self._walker.typed(turn, ref)
        if reply is None and ref is None:
            turn.state.pending = None
        return reply

    async def self_report(self, turn: Turn) -> Reply | None:
        """ "I did it on my own": asked plainly before it counts."""
        found = self._resolve(turn, step=False)
        if found is None:
            return None
        ref, _ = found
        return Reply(
            "session",
            (para(self.texts.self_question),),
            buttons=(
                (Button(self.texts.self_yes, Action("session_self_yes", ref.key)),),
                (Button(self.texts.self_no, Action("session", "")),),
            ),
        )

    async def self_confirmed(self, turn: Turn) -> Reply | None:
        found = self._resolve(turn, step=False)
        if found is None:
            return None
        ref, plan = found
        return await self._counted(turn, ref)

    async def _walked(self, turn: Turn, ref: SessionRef, plan: SessionPlan, done: Walk) -> Reply:
        return await self._counted(turn, ref)

    async def _counted(self, turn: Turn, ref: SessionRef) -> Reply:
        """The one place a session counts; then the check-in questions."""
        state = turn.state
        await ensure_user_row(self.s.store, state, turn.now)
        fresh, week = await self._progress.record_done(turn, ref.day)
        lines = [self.texts.session_done if fresh else self.texts.session_done_again]
        if fresh:
            level_up = await self.level_up_after_streak(state, turn.now)
            if level_up:
                lines.append(level_up)
        lines.append(self.texts.week_count.format(count=week.done))
        return self._checkin.pain_question(turn, ref.day, lines)

    async def too_easy(self, turn: Turn) -> Reply | None:
        return await self._feedback(turn, 1)

    async def too_hard(self, turn: Turn) -> Reply | None:
        return await self._feedback(turn, -1)

    async def just_right(self, turn: Turn) -> Reply | None:
        if self._resolve(turn, step=False) is None:
            return None
        return self.s.menu_reply("session", self.texts.just_right_reply)

    # -- progression ------------------------------------------------------------------------------

    async def level_up_after_streak(self, state: UserState, now: datetime) -> str | None:
        """After a completed session: move the level up on a long enough painless streak.

        Returns the line that tells the user, or None when nothing changed. Called for sessions
        finished here and for "done" on a reminder.
        """
        streak = await self.s.store.coaching.painless_streak(state.user_id)
        progress = streak_progress(self._level(state), streak)
        if progress.outcome != "level_up":
            return None
        change_level(state, progress.level, "streak", now)
        level_name = self.s.content.levels[progress.level].name
        return self.texts.streak_level.format(count=streak, level=level_name)

    async def _feedback(self, turn: Turn, direction: int) -> Reply | None:
        found = self._resolve(turn, step=False)
        if found is None:
            return None
        ref, plan = found
        state = turn.state
        level = self._level(state)
        reason = "too_easy" if direction > 0 else "too_hard"
        menu = Button(self.s.content.messages.buttons.menu, Action("menu"))
        if ref.index is None:
            # The whole session's level moves only from a session this user has done.
            records = await self.s.store.progress.between(state.user_id, ref.day, ref.day)
            if not any(record.outcome == "done" for record in records):
                return self.s.menu_reply("session", self.texts.feedback_needs_session)
            progress = session_feedback(level, direction)
            change_level(state, progress.level, reason, turn.now)
            text = self._session_change(progress, direction)
            see = Button(self.s.content.messages.buttons.session, Action("session"))
            return Reply("session", (para(text),), buttons=((see,), (menu,)))
        exercise = plan.items[ref.index].exercise
        progress = exercise_feedback(level, state.stages.get(exercise.id, 0), direction)
        state.stages[exercise.id] = progress.stage
        change_level(state, progress.level, reason, turn.now)
        text = self._exercise_change(exercise, progress, direction)
        onward = onward_buttons(self.s.content, plan, ref)
        return Reply("session", (para(text),), id=exercise.id, buttons=(onward, (menu,)))

    def _exercise_change(self, exercise: Exercise, progress: LevelChange, direction: int) -> str:
        """What changed and why, in one sentence."""
        texts = self.texts
        level = self.s.content.levels[progress.level].name
        name = exercise.name
        if progress.outcome == "stage_up" and progress.stage == 1:
            return texts.too_easy_harder.format(name=name, variation=exercise.harder.name)
        if progress.outcome == "stage_down" and progress.stage == -1:
            return texts.too_hard_easier.format(name=name, variation=exercise.easier.name)
        if progress.outcome in ("stage_up", "stage_down"):
            template = texts.too_easy_standard if direction > 0 else texts.too_hard_standard
            return template.format(name=name)
        templates = {
            "level_up": texts.too_easy_level,
            "level_down": texts.too_hard_level,
            "at_top": texts.too_easy_top,
            "at_bottom": texts.too_hard_bottom,
        }
        return templates[progress.outcome].format(name=name, level=level)

    def _session_change(self, progress: LevelChange, direction: int) -> str:
        level = self.s.content.levels[progress.level].name
        templates = {
            "level_up": self.texts.session_easy_level,
            "level_down": self.texts.session_hard_level,
            "at_top": self.texts.session_easy_top,
            "at_bottom": self.texts.session_hard_bottom,
        }
        return templates[progress.outcome].format(level=level)

    # -- the printable guide ----------------------------------------------------------------------

    async def guide(self, turn: Turn) -> Reply:
        # Imported here: fpdf adds ~20 MB and 0.1 s to every start, and only the guide needs it.
        from bot.brain.coach.guide import guide_pdf

        state = turn.state
        content = self.s.content
        plan = self.plan(state, self._today(turn))
        data = await asyncio.to_thread(
            guide_pdf,
            content,
            goal=plan.goal,
            level=plan.level,
            stages=dict(state.stages),
            user_id=state.user_id,
            week_of=plan.day,
            emergency_number=self.s.emergency_number(state.timezone),
        )
        caption = self.texts.guide_caption.format(
            goal=content.goals[plan.goal].name, level=content.levels[plan.level].name
        )
        return Reply(
            "command",
            (para(self.texts.guide_sent),),
            buttons=((Button(content.messages.buttons.menu, Action("menu")),),),
            document=Document(f"back-care-guide-{plan.goal}-{plan.level}.pdf", data, caption),
        )

    # -- helpers ----------------------------------------------------------------------------------

    def _today(self, turn: Turn) -> date:
        return local_date(turn.now, turn.state.timezone, self.s.config.default_timezone)

    def _level(self, state: UserState) -> str:
        return state.level if state.level in LEVELS else DEFAULT_LEVEL

    def _resolve(self, turn: Turn, step: bool) -> tuple[SessionRef, SessionPlan] | None:
        """The session a button belongs to, or None when the button is stale or forged."""
        ref = parse_ref(turn.arg)
        if ref is None or ref.goal not in self.s.content.goals:
            return None
        today = self._today(turn)
        if not today - timedelta(days=1) <= ref.day <= today:
            return None
        state = turn.state
        plan = build_session(
            self.s.content, ref.goal, ref.level, state.stages, state.user_id, ref.day
        )
        if ref.index is not None and ref.index >= len(plan.items):
            return None
        if step and ref.index is None:
            return None
        return ref, plan
