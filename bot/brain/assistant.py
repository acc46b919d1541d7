"""The one reply pipeline every face calls: safety first, then commands, steps, talk, answers."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.brain.answers import build_targets
from bot.brain.browse import Browse
from bot.brain.faq import Faq
from bot.brain.feature import Routes, Turn
from bot.brain.general import General
from bot.brain.matcher import Matcher
from bot.brain.reply import Action, Reply, para
from bot.brain.safety import Safety
from bot.brain.services import BrainConfig, Services
from bot.brain.state import UserState
from bot.brain.text import MAX_INPUT_CHARS, normalize
from bot.brain.triage import Triage
from bot.clock import Clock
from bot.content.loader import Content
from bot.store import Store

EXERCISE_ACTIONS = frozenset({"goals", "goal", "exercise", "variation"})
EXERCISE_COMMANDS = frozenset({"exercises"})
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
        self.faq = Faq(s, show_target=self.browse.show)
        self.safety = Safety(s)
        self.routes = Routes()
        for feature in (self.general, self.browse, self.faq, self.safety):
            self.routes.merge(feature.routes())
        s.action_names = set(self.routes.actions)

    @property
    def content(self) -> Content:
        return self.services.content

    async def reply(self, user_id: int, text: str | None, chat_id: int = 0) -> Reply:
        """The reply to one typed message (commands included)."""
        state = await self.services.store.users.load(user_id, chat_id)
        raw = text or ""
        turn = Turn(state=state, now=self.services.clock.now(), text=raw[:MAX_INPUT_CHARS])
        reply = await self._route_text(turn)
        if len(raw) > MAX_INPUT_CHARS and reply.kind != "safety":
            reply = replace(
                reply, blocks=(para(self.content.messages.general.too_long), *reply.blocks)
            )
        await self.services.store.users.save(state, turn.now)
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
        name = head.split("@", 1)[0].lower()
        handler = self.routes.commands.get(name)
        if handler is None:
            return self.general.unknown_command()
        if turn.state.safety_hold and name in EXERCISE_COMMANDS:
            return self.safety.hold_notice()
        turn.state.pending = None
        turn.text = args.strip()
        reply = await handler(turn)
        return reply or self.general.unknown_command()
