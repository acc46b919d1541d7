"""The one reply pipeline every face calls: safety first, then commands, steps, talk, answers."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.brain.coach.coach import Coach
from bot.brain.coach.profile import Profile
from bot.brain.exercises.browse import Browse
from bot.brain.faq.faq import Faq
from bot.brain.general.general import General
from bot.brain.operator.stats import OperatorStats
from bot.brain.privacy.privacy import Privacy
from bot.brain.reminders.message import ReminderMessage
from bot.brain.reminders.progress import Progress
from bot.brain.reminders.subscribe import Reminders
from bot.brain.routes import Routes, Turn
from bot.brain.safety.safety import Safety
from bot.brain.services import BrainConfig, Services
from bot.content.loader import Content, ContentError
from bot.language.matching.decision import build_targets
from bot.language.matching.matcher import Matcher
from bot.language.text import MAX_INPUT_CHARS, normalize
from bot.language.triage.triage import Triage
from bot.model.clock import Clock
from bot.model.reply import Action, Reply, para
from bot.model.user import UserState
from bot.store import Store

EXERCISE_ACTIONS = frozenset(
    {
        "goals",
        "goal",
        "exercise",
        "variation",
        "session",
        "session_step",
        "session_easy",
        "session_hard",
        "session_done",
        "guide",
    }
)
EXERCISE_COMMANDS = frozenset({"exercises", "session", "guide"})
"""What suggests exercises, and so waits while a user is on hold after an emergency/urgent reply."""


class Assistant:
    """Decides every reply. Knows content, the user's stored state and the clock; no Telegram."""

    def __init__(self, content: Content, store: Store, clock: Clock, config: BrainConfig):
        self.services = Services(
            content=content,
            store=store,
            clock=clock,
            config=config,
            matcher=Matcher(build_targets(content), content.synonyms),
            triage=Triage(content.safety),
        )
        s = self.services
        self.general = General(s)
        self.browse = Browse(s)
        # Built before Safety so "Today's session" sits next to the exercises in the menu.
        self.coach = Coach(s, escalate=lambda *args, **kw: self.safety.escalate(*args, **kw))
        self.faq = Faq(s, show_target=self.browse.show, run_command=self._run_intent)
        self.safety = Safety(s)
        self.progress = Progress(s)
        self.reminders = Reminders(s)
        self.reminder_message = ReminderMessage(s, self.progress, self.coach.level_up_after_streak)
        self.routes = Routes()
        features = (
            self.general,
            self.browse,
            self.coach,
            Profile(s),
            self.faq,
            self.safety,
            Privacy(s),
            OperatorStats(s),
            self.progress,
            self.reminders,
            self.reminder_message,
        )
        for feature in features:
            self.routes.merge(feature.routes())
        s.action_names = set(self.routes.actions)
        self._check_intents()

    def _check_intents(self) -> None:
        """Every intent must name a command (and a same-named button action) that exists."""
        problems = [
            f"knowledge/intents.yaml: entry {name!r}, field 'command': no such command"
            for name in self.services.content.intents
            if name not in self.routes.commands or name not in self.routes.actions
        ]
        if problems:
            raise ContentError(problems)

    @property
    def content(self) -> Content:
        return self.services.content

    async def reply(self, user_id: int, text: str | None, chat_id: int = 0) -> Reply:
        """The reply to one typed message (commands included)."""
        state = await self.services.store.users.load(user_id, chat_id)
        before = state.fingerprint()
        raw = text or ""
        turn = Turn(state=state, now=self.services.clock.now(), text=raw[:MAX_INPUT_CHARS])
        reply = await self._route_text(turn)
        if len(raw) > MAX_INPUT_CHARS and reply.kind != "safety":
            reply = replace(
                reply, blocks=(para(self.content.messages.general.too_long), *reply.blocks)
            )
        await self._save_if_changed(state, before, turn.now)
        return reply

    async def press(self, user_id: int, action: Action, chat_id: int = 0) -> Reply:
        """The reply to a button press. Unknown or stale actions get "this button has expired"."""
        state = await self.services.store.users.load(user_id, chat_id)
        before = state.fingerprint()
        turn = Turn(state=state, now=self.services.clock.now(), arg=action.arg)
        handler = self.routes.actions.get(action.name)
        if handler and state.safety_hold and action.name in EXERCISE_ACTIONS:
            reply = self.safety.hold_notice()
        else:
            reply = await handler(turn) if handler else None
        if reply is None:
            reply = self.general.expired()
        await self._save_if_changed(state, before, turn.now)
        return reply

    async def _save_if_changed(self, state: UserState, before: str, now: datetime) -> None:
        """Write the user's state only when a turn changed it (or the user is new)."""
        if state.erased:
            return
        if state.is_new or state.fingerprint() != before:
            await self.services.store.users.save(state, now)

    async def _route_text(self, turn: Turn) -> Reply:
        if not normalize(turn.text):
            return self.services.menu_reply("command", self.content.messages.general.empty_message)
        if turn.text.startswith("/"):
            return await self._command(turn)
        screened = await self.safety.screen(turn)
        if screened is not None:
            return screened
        if turn.state.pending:
            handler = self.routes.pending.get(turn.state.pending)
            reply = await handler(turn) if handler else None
            if reply is not None:
                return reply
            turn.state.pending = None
        reply = self.general.smalltalk(turn.text) or await self.faq.respond(turn)
        if turn.state.safety_hold and reply.kind in ("exercise", "exercises", "session"):
            return self.safety.hold_notice()
        return reply

    async def _command(self, turn: Turn) -> Reply:
        head, _, args = turn.text[1:].partition(" ")
        return await self._run_command(turn, head.split("@", 1)[0].lower(), args.strip())

    async def _run_intent(self, turn: Turn, name: str) -> Reply:
        """Free text that asked for a command ("what should I do today?") runs it plainly."""
        return await self._run_command(turn, name, "")

    async def _run_command(self, turn: Turn, name: str, args: str) -> Reply:
        handler = self.routes.commands.get(name)
        if handler is None:
            return self.general.unknown_command()
        if turn.state.safety_hold and name in EXERCISE_COMMANDS:
            return self.safety.hold_notice()
        turn.state.pending = None
        turn.text = args
        reply = await handler(turn)
        return replace(reply, command=name) if reply else self.general.unknown_command()
