"""One language's brain: safety first, then commands, steps, talk, answers.

Every feature is built here, in one place, with what it needs passed in. The assistant
(bot/brain/assistant.py) holds one brain per language and hands each turn to the user's.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.brain.built import BuiltLanguage
from bot.brain.coach.coach import Coach
from bot.brain.coach.profile import Profile
from bot.brain.coach.progress import Progress
from bot.brain.exercises.browse import Browse
from bot.brain.faq.faq import Faq
from bot.brain.general.general import General
from bot.brain.general.language import LanguageChoice, SwitchLanguage
from bot.brain.operator.stats import OperatorStats
from bot.brain.privacy.privacy import Privacy
from bot.brain.reminders.message import ReminderMessage
from bot.brain.reminders.subscribe import Reminders
from bot.brain.reminders.summary_message import SummaryMessage
from bot.brain.reminders.summary_settings import SummarySettings
from bot.brain.routes import Routes, Turn, TurnOrigin
from bot.brain.safety.safety import Safety
from bot.brain.services import BrainConfig, OtherReader, Services
from bot.content.loader import Content, ContentError
from bot.language.dialect import current as current_dialect
from bot.language.dialect import speaking
from bot.language.matching.decision import decide_message
from bot.language.signature import without_signature
from bot.language.text import MAX_INPUT_CHARS, normalize
from bot.language.triage.triage import Triage, TriageResult
from bot.model.clock import Clock
from bot.model.reminders import Delivery
from bot.model.reply import Action, Reply, para
from bot.model.schedule import is_summary_key
from bot.model.user import UserState
from bot.store import Store


class Brain:
    """Decides every reply in one language. Knows content, the user's state and the clock."""

    def __init__(
        self,
        built: BuiltLanguage,
        store: Store,
        clock: Clock,
        config: BrainConfig,
        other_readers: tuple[OtherReader, ...] = (),
        languages: dict[str, str] | None = None,
        switch_language: SwitchLanguage | None = None,
    ):
        content = built.content
        self.dialect = built.dialect
        names = languages or {content.language: content.profile.name}
        with speaking(self.dialect):
            self._build(built, store, clock, config, other_readers)
            self.languages = LanguageChoice(self._services, names, switch_language)
            self._routes.merge(self.languages.routes())
            self._check_intents()

    def _build(self, built: BuiltLanguage, store, clock, config, other_readers) -> None:
        s = Services(
            content=built.content,
            store=store,
            clock=clock,
            config=config,
            matcher=built.matcher,
            triage=built.triage,
            dialect=self.dialect,
            other_readers=other_readers,
            safety_net=built.safety_net,
            whole_message=built.whole_message,
        )
        self._services = s
        browse = Browse(s)
        self._faq = Faq(s, show_target=self._show_target(browse), run_command=self._run_intent)
        self._safety = Safety(s, answer_entry=self._faq.answer)
        profile = Profile(s)
        progress = Progress(s)
        coach = Coach(s, progress, escalate=self._safety.escalate)
        self.reminder_message = ReminderMessage(
            s, progress, coach.level_up_after_streak, coach.preview
        )
        """What a reminder says in this language (the assistant's outbox picks the user's)."""
        self.summary_message = SummaryMessage(s, progress)
        """What the weekly summary says in this language."""
        self._general = General(s, first_question=profile.first_question)
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
            SummarySettings(s),
            self.reminder_message,
        ):
            self._routes.merge(feature.routes())

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

    # -- what the assistant calls -------------------------------------------------------------

    @property
    def content(self) -> Content:
        return self._services.content

    @property
    def triage(self) -> Triage:
        return self._services.triage

    async def reply(self, state: UserState, text: str | None, origin: TurnOrigin) -> Reply:
        """The reply to one typed message (commands included), in this brain's language."""
        raw = text or ""
        turn = Turn(state=state, origin=origin, text=raw[:MAX_INPUT_CHARS])
        with speaking(self.dialect):
            reply = await self._route_text(turn)
        if len(raw) > MAX_INPUT_CHARS and reply.kind != "safety":
            reply = replace(
                reply, blocks=(para(self.content.messages.general.too_long), *reply.blocks)
            )
        return reply

    async def press(self, state: UserState, action: Action, origin: TurnOrigin) -> Reply:
        """The reply to a button press. Unknown or stale actions get "this button has expired"."""
        turn = Turn(state=state, origin=origin, arg=action.arg)
        handler = self._routes.actions.get(action.name)
        with speaking(self.dialect):
            if handler is None:
                reply = None
            elif self._held(turn, action.name):
                reply = self._safety.hold_notice()
            else:
                reply = await handler(turn)
        return reply or self.expired()

    async def compose_reminder(self, delivery: Delivery, state: UserState, now: datetime) -> Reply:
        """A reminder or weekly summary for the subscriber whose state the outbox loaded."""
        with speaking(self.dialect):
            if is_summary_key(delivery.slot):
                return await self.summary_message.compose(delivery, state, now)
            return await self.reminder_message.compose(delivery, state, now)

    def assess(self, text: str) -> TriageResult:
        """The safety screen's verdict, in every language (for the flood guard)."""
        with speaking(self.dialect):
            return self._services.assess(text)

    def languages_switched(self) -> Reply:
        """Said in this language to someone who has just switched to it."""
        return self._services.menu_reply("command", self.content.messages.language.switched)

    def action_names(self) -> frozenset[str]:
        """Every button action some feature answers (for tools and property tests)."""
        return frozenset(self._routes.actions)

    def expired(self) -> Reply:
        """What a button that cannot be decoded (stale, forged) answers."""
        return self._general.expired()

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

    async def _route_text(self, turn: Turn) -> Reply:
        if not normalize(turn.text):
            return self._services.menu_reply("command", self.content.messages.general.empty_message)
        if turn.text.startswith("/"):
            return await self._command(turn)
        asked = self._unsigned(turn)
        answer_first = None if turn.state.pending else (lambda: self._faq.confident(asked))
        screened = await self._safety.screen(turn, answer_first)
        if screened is None and not turn.state.pending:
            # Pain in an exercise told by its movement: screened as if the exercise were named,
            # so "it hurts when I'm on all fours reaching out an arm" gets the stop advice or
            # the check, never the exercise card.
            described = self._faq.described_exercise(turn)
            if described is not None:
                named = replace(turn, text=f"{turn.text} ({described})")
                screened = await self._safety.screen(named) or self._safety.net(
                    turn,
                    self._services.menu_reply("fallback", self.content.messages.general.fallback),
                )
        if screened is not None:
            return screened
        if turn.state.pending:
            handler = self._routes.pending.get(turn.state.pending)
            reply = await handler(turn) if handler else None
            if reply is not None:
                return reply
            if turn.state.pending not in self._routes.sticky:
                turn.state.pending = None
        reply = self._general.smalltalk(asked.text) or await self._faq.respond(asked)
        return self._safety.net(turn, reply) if reply.kind == "fallback" else reply

    def _unsigned(self, turn: Turn) -> Turn:
        """The turn as the FAQ matcher reads it: without a signature after the last sentence
        when the signature is what made it a command ("... Thanks. Edith": "edit", the
        settings). Otherwise the whole text: a matched question keeps its answer."""
        common = current_dialect().common_words
        text = without_signature(turn.text, self.content.profile.closings, common.__contains__)
        if text == turn.text:
            return turn
        key = decide_message(self._services.matcher, turn.text)[0].key or ""
        return replace(turn, text=text) if key.startswith("command:") else turn

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
