"""The one reply pipeline every face calls: safety first, then commands, steps, talk, answers.

This is also the brain's composition root: every feature is built here, in one place, with what it
needs passed in; faces use only the public methods below.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.brain.coach.coach import Coach
from bot.brain.coach.profile import Profile
from bot.brain.coach.progress import Progress
from bot.brain.exercises.browse import Browse
from bot.brain.faq.faq import Faq
from bot.brain.general.general import General
from bot.brain.operator.flood import Admission, FloodGuard
from bot.brain.operator.stats import OperatorStats
from bot.brain.privacy.privacy import Privacy
from bot.brain.reminders.message import ReminderMessage
from bot.brain.reminders.outbox import Outbox
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
from bot.model.tiers import HOLD_TIERS
from bot.model.user import UserState
from bot.store import Store


class Assistant:
    """Decides every reply. Knows content, the user's stored state and the clock; no Telegram."""

    def __init__(self, content: Content, store: Store, clock: Clock, config: BrainConfig):
        s = Services(
            content=content,
            store=store,
            clock=clock,
            config=config,
            matcher=Matcher(build_targets(content), content.synonyms),
            triage=Triage(content.safety),
        )
        self._services = s
        self._flood = FloodGuard()
        self._safety = Safety(s)
        profile = Profile(s)
        progress = Progress(s)
        coach = Coach(s, progress, escalate=self._safety.escalate)
        reminder_message = ReminderMessage(s, progress, coach.level_up_after_streak, coach.preview)
        self._general = General(s, first_question=profile.first_question)
        browse = Browse(s)
        self._faq = Faq(s, show_target=self._show_target(browse), run_command=self._run_intent)
        self.outbox = Outbox(s, reminder_message)
        """What the delivery face sends and records (see bot/brain/reminders/outbox.py)."""
        self._routes = Routes()
        for feature in (
            self._general,
            browse,
            coach,
            profile,
            self._faq,
            self._safety,
            Privacy(s),
            OperatorStats(s),
            progress,
            Reminders(s),
            reminder_message,
        ):
            self._routes.merge(feature.routes())
        self._check_intents()

    def _check_intents(self) -> None:
        """Every intent must name a command (and a same-named button action) that exists."""
        content = self._services.content
        folder = f"knowledge/{content.language}"
        problems = [
            f"{folder}/intents.yaml: entry {name!r}, field 'command': no such command"
            for name in content.intents
            if name not in self._routes.commands or name not in self._routes.actions
        ]
        problems += [
            f"{folder}/messages.yaml: command_menu entry {name!r}: no such command"
            for name in content.messages.command_menu
            if name not in self._routes.commands
        ]
        if problems:
            raise ContentError(problems)

    def rebuilt(self, content: Content) -> Assistant:
        """A new brain on other content, sharing this one's store, clock and settings (reload)."""
        s = self._services
        return Assistant(content, s.store, s.clock, s.config)

    # -- what faces call ----------------------------------------------------------------------

    @property
    def content(self) -> Content:
        return self._services.content

    async def reply(self, user_id: int, text: str | None, chat_id: int = 0) -> Reply:
        """The reply to one typed message (commands included)."""
        state = await self._services.store.users.load(user_id, chat_id)
        before = state.fingerprint()
        raw = text or ""
        turn = Turn(state=state, now=self._services.clock.now(), text=raw[:MAX_INPUT_CHARS])
        reply = await self._route_text(turn)
        if len(raw) > MAX_INPUT_CHARS and reply.kind != "safety":
            reply = replace(
                reply, blocks=(para(self.content.messages.general.too_long), *reply.blocks)
            )
        await self._save_if_changed(state, before, turn.now)
        return reply

    async def press(self, user_id: int, action: Action, chat_id: int = 0) -> Reply:
        """The reply to a button press. Unknown or stale actions get "this button has expired"."""
        state = await self._services.store.users.load(user_id, chat_id)
        before = state.fingerprint()
        turn = Turn(state=state, now=self._services.clock.now(), arg=action.arg)
        handler = self._routes.actions.get(action.name)
        if handler is None:
            reply = None
        elif self._held(turn, action.name):
            reply = self._safety.hold_notice()
        else:
            reply = await handler(turn)
        if reply is None:
            reply = self.expired()
        await self._save_if_changed(state, before, turn.now)
        return reply

    def action_names(self) -> frozenset[str]:
        """Every button action some feature answers (for tools and property tests)."""
        return frozenset(self._routes.actions)

    def expired(self) -> Reply:
        """What a button that cannot be decoded (stale, forged) answers."""
        return self._general.expired()

    def admit(self, user_id: int, text: str = "") -> tuple[bool, str | None]:
        """Flood protection at arrival: (answer it?, a slow-down notice to send instead, once).

        Someone describing an emergency is answered even mid-flood: silence could cost a life.
        """
        admission = self._flood.admit(user_id, self._services.clock.now())
        if admission is Admission.ANSWER:
            return True, None
        if text and self._services.triage.assess(text[:MAX_INPUT_CHARS]).tier in HOLD_TIERS:
            return True, None
        if admission is Admission.WARN:
            return False, self.content.messages.flood.slow_down
        return False, None

    # -- routing ------------------------------------------------------------------------------

    def _held(self, turn: Turn, route: str) -> bool:
        """The one hold rule: after an emergency/urgent reply, exercise routes wait."""
        return bool(turn.state.safety_hold) and route in self._routes.held

    def _show_target(self, browse: Browse):
        """A matched exercise or goal, unless exercises are on hold for this user."""

        def show(turn: Turn, kind: str, ident: str) -> Reply:
            if self._held(turn, kind):
                return self._safety.hold_notice()
            return browse.show(turn, kind, ident)

        return show

    async def _save_if_changed(self, state: UserState, before: str, now: datetime) -> None:
        """Write the user's state only when a turn changed it (or the user is new)."""
        if state.erased:
            return
        if state.is_new or state.fingerprint() != before:
            await self._services.store.users.save(state, now)

    async def _route_text(self, turn: Turn) -> Reply:
        if not normalize(turn.text):
            return self._services.menu_reply("command", self.content.messages.general.empty_message)
        if turn.text.startswith("/"):
            return await self._command(turn)
        screened = await self._safety.screen(turn)
        if screened is not None:
            return screened
        if turn.state.pending:
            handler = self._routes.pending.get(turn.state.pending)
            reply = await handler(turn) if handler else None
            if reply is not None:
                return reply
            if turn.state.pending not in self._routes.sticky:
                turn.state.pending = None
        reply = self._general.smalltalk(turn.text) or await self._faq.respond(turn)
        return self._safety.net(turn, reply) if reply.kind == "fallback" else reply

    async def _command(self, turn: Turn) -> Reply:
        head, _, args = turn.text[1:].partition(" ")
        return await self._run_command(turn, head.split("@", 1)[0].lower(), args.strip())

    async def _run_intent(self, turn: Turn, name: str, args: str = "") -> Reply:
        """Free text that asked for a command ("what should I do today?") runs it."""
        return await self._run_command(turn, name, args)

    async def _run_command(self, turn: Turn, name: str, args: str) -> Reply:
        handler = self._routes.commands.get(name)
        if handler is None:
            return self._general.unknown_command()
        if self._held(turn, name):
            return self._safety.hold_notice()
        turn.state.pending = None
        turn.text = args
        reply = await handler(turn)
        return replace(reply, command=name) if reply else self._general.unknown_command()
