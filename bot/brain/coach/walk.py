"""The session player: one exercise at a time, resumable, with typed or tapped next, skip, done
and stop, a hold timer, and "It hurts" that deals with that exercise and keeps the session going.

Where the user stands is stored (store.walks), so /session the same day resumes at that step.
Only exercises finished with Next (or the last one with Done) count: a session counts as done
when at least half of it was walked; nothing walked, nothing counted.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date

from bot.brain.coach.profile import ensure_user_row
from bot.brain.coach.refs import SessionRef
from bot.brain.coach.session_cards import step_card
from bot.brain.coach.sessions import SessionPlan
from bot.brain.exercises.cards import more_card
from bot.brain.routes import Turn
from bot.brain.services import Services
from bot.language.text import normalize
from bot.model.reply import Action, Button, Reply, Timer, para
from bot.store.walks import Walk

Resolve = Callable[[Turn, bool], "tuple[SessionRef, SessionPlan] | None"]
Finish = Callable[[Turn, SessionRef, SessionPlan, Walk], Awaitable[Reply]]
Escalate = Callable[..., Awaitable[Reply]]

PENDING = "session_walk"
"""While walking, typed "next", "skip", "done" and "stop" drive the session."""
PAIN_RULE = "exercise_pain"


def counts(walk: Walk, plan: SessionPlan) -> bool:
    """Enough of the session was walked to count it as done."""
    return len(set(walk.done)) * 2 >= len(plan.items)


class Walker:
    def __init__(
        self,
        services: Services,
        resolve: Resolve,
        level_of: Callable,
        finish: Finish,
        escalate: Escalate,
    ):
        self.s = services
        self._resolve = resolve
        self._level = level_of
        self._finish = finish
        self._escalate = escalate
        self.texts = services.content.messages.coach

    def actions(self) -> dict:
        return {
            "session_step": self.step,
            "session_next": self.next,
            "session_skip": self.skip,
            "session_stop": self.stop,
            "session_done": self.done,
            "session_hold": self.hold,
            "session_hurt": self.hurt,
            "session_more": self.more,
        }

    async def current(self, user_id: int, ref: SessionRef) -> Walk | None:
        """Today's unfinished walk of this very session, if there is one."""
        walk = await self.s.store.walks.get(user_id)
        if walk is None or (walk.day, walk.level, walk.goal) != (ref.day, ref.level, ref.goal):
            return None
        return walk

    async def _walk(self, turn: Turn, ref: SessionRef) -> Walk:
        walk = await self.current(turn.state.user_id, ref)
        return walk or Walk(turn.state.user_id, ref.day, ref.level, ref.goal)

    async def _show(self, turn: Turn, ref: SessionRef, plan: SessionPlan, lead: str = "") -> Reply:
        await ensure_user_row(self.s.store, turn.state, turn.now)
        walk = await self._walk(turn, ref)
        walk.position = ref.index or 0
        await self.s.store.walks.save(walk, turn.now)
        turn.state.pending = PENDING
        return step_card(self.s.content, plan, ref, self._level(turn.state), lead)

    async def step(self, turn: Turn) -> Reply | None:
        found = self._resolve(turn, True)
        if found is None:
            return None
        return await self._show(turn, *found)

    async def next(self, turn: Turn) -> Reply | None:
        return await self._move(turn, "done")

    async def skip(self, turn: Turn) -> Reply | None:
        return await self._move(turn, "skipped")

    async def _move(self, turn: Turn, mark: str) -> Reply | None:
        found = self._resolve(turn, True)
        if found is None:
            return None
        ref, plan = found
        await ensure_user_row(self.s.store, turn.state, turn.now)
        walk = await self._walk(turn, ref)
        getattr(walk, mark).append(ref.index)
        await self.s.store.walks.save(walk, turn.now)
        following = (ref.index or 0) + 1
        if following >= len(plan.items):
            return await self._end(turn, ref, plan, walk)
        return await self._show(turn, replace(ref, index=following), plan)

    async def done(self, turn: Turn) -> Reply | None:
        """Done on the last step counts it as walked; the session counts if enough was."""
        found = self._resolve(turn, False)
        if found is None:
            return None
        ref, plan = found
        walk = await self._walk(turn, ref)
        if walk.position == len(plan.items) - 1 and walk.position not in walk.skipped:
            walk.done.append(walk.position)
        return await self._end(turn, ref, plan, walk)

    async def _end(self, turn: Turn, ref: SessionRef, plan: SessionPlan, walk: Walk) -> Reply:
        turn.state.pending = None
        if not counts(walk, plan):
            await ensure_user_row(self.s.store, turn.state, turn.now)
            await self.s.store.walks.save(walk, turn.now)
            text = self.texts.not_enough.format(done=len(set(walk.done)), total=len(plan.items))
            return self._paused_reply(text, ref, walk, plan)
        await self.s.store.walks.clear(turn.state.user_id)
        return await self._finish(turn, ref, plan, walk)

    async def stop(self, turn: Turn) -> Reply | None:
        found = self._resolve(turn, False)
        if found is None:
            return None
        ref, plan = found
        walk = await self._walk(turn, ref)
        turn.state.pending = None
        text = self.texts.paused.format(number=walk.position + 1, total=len(plan.items))
        return self._paused_reply(text, ref, walk, plan)

    def _paused_reply(self, text: str, ref: SessionRef, walk: Walk, plan: SessionPlan) -> Reply:
        at = min(walk.position, len(plan.items) - 1)
        label = self.texts.resume.format(number=at + 1, total=len(plan.items))
        menu = Button(self.s.content.messages.buttons.menu, Action("menu"))
        return Reply(
            "session",
            (para(text),),
            buttons=((Button(label, Action("session_step", ref.at(at))),), (menu,)),
        )

    async def hold(self, turn: Turn) -> Reply | None:
        """A countdown message; the face edits it when the hold is over."""
        found = self._resolve(turn, True)
        if found is None:
            return None
        ref, plan = found
        exercise = plan.items[ref.index or 0].exercise
        if exercise.hold_seconds is None:
            return None
        seconds = getattr(exercise.hold_seconds, self._level(turn.state))
        onward = self._onward(ref, plan)
        done = (para(self.texts.hold_done.format(name=exercise.name)),)
        return Reply(
            "session",
            (para(self.texts.hold_running.format(seconds=seconds, name=exercise.name)),),
            id=exercise.id,
            timer=Timer(seconds, done, buttons=(onward,)),
        )

    def _onward(self, ref: SessionRef, plan: SessionPlan) -> tuple[Button, ...]:
        index = ref.index or 0
        again = Button(self.texts.show_again, Action("session_step", ref.at(index)))
        if index == len(plan.items) - 1:
            return again, Button(self.texts.finish, Action("session_done", ref.key))
        return again, Button(self.texts.next, Action("session_next", ref.at(index)))

    async def hurt(self, turn: Turn) -> Reply | None:
        """The stop-and-adjust advice (which also steps that exercise down), then the way on:
        the easier version, the next exercise, or stopping here."""
        found = self._resolve(turn, True)
        if found is None:
            return None
        ref, plan = found
        index = ref.index or 0
        await ensure_user_row(self.s.store, turn.state, turn.now)
        await self.s.store.progress.record(turn.state.user_id, ref.day, "hurt", turn.now)
        walk = await self._walk(turn, ref)
        walk.hurt.append(index)
        walk.position = index
        await self.s.store.walks.save(walk, turn.now)
        exercise = plan.items[index].exercise
        on_easier = turn.state.stages.get(exercise.id, 0) < 0
        advice = await self._escalate(
            turn, "stop", (PAIN_RULE,), "session", exercise_id=exercise.id
        )
        turn.state.pending = PENDING
        rows: list[tuple[Button, ...]] = []
        if not on_easier and turn.state.stages.get(exercise.id, 0) < 0:
            label = self.texts.try_easier.format(name=exercise.easier.name)
            rows.append((Button(label, Action("session_step", ref.at(index))),))
        if index < len(plan.items) - 1:
            rows.append((Button(self.texts.skip_to_next, Action("session_skip", ref.at(index))),))
        else:
            rows.append((Button(self.texts.finish, Action("session_done", ref.key)),))
        rows.append((Button(self.texts.stop, Action("session_stop", ref.key)),))
        lead = para(self.texts.hurt_carry_on)
        return replace(advice, blocks=(*advice.blocks, lead), buttons=tuple(rows))

    async def more(self, turn: Turn) -> Reply | None:
        found = self._resolve(turn, True)
        if found is None:
            return None
        ref, plan = found
        item = plan.items[ref.index or 0]
        which = "standard" if item.stage == 0 else ("easier" if item.stage < 0 else "harder")
        back = Action("session_step", ref.at(ref.index or 0))
        return more_card(self.s.content, item.exercise, which, turn.state, turn.now, back=back)

    async def typed(self, turn: Turn, ref: SessionRef | None) -> Reply | None:
        """ "next", "skip", "done", "stop" or "it hurts" typed during a walk; anything else is
        not for us."""
        if ref is None:
            return None
        words = self.s.content.messages.coach.walk_words
        text = normalize(turn.text)
        walk = await self.s.store.walks.get(turn.state.user_id)
        if walk is None:
            return None
        turn.arg = ref.at(walk.position)
        for word, handler in (
            ("next", self.next),
            ("skip", self.skip),
            ("done", self.done),
            ("stop", self.stop),
            ("hurt", self.hurt),
        ):
            if text in (normalize(w) for w in getattr(words, word)):
                if word in ("done", "stop"):
                    turn.arg = ref.key
                return await handler(turn)
        return None

    @staticmethod
    def today_ref(walk: Walk | None, today: date) -> SessionRef | None:
        if walk is None or walk.day != today:
            return None
        return SessionRef(walk.day, walk.level, walk.goal)
