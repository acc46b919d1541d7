"""What every face calls: one brain per language, and the user's language chosen for each turn.

The language is decided once (Telegram's language of the user's app, else the first message, else
the configured default), stored, and changed with /language. A message clearly written in another
language the bot has is answered in that language, with a button to switch for good. Every
message is screened for safety in every language (bot/brain/services.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from datetime import datetime

from bot.brain.brain import Brain
from bot.brain.built import built_for
from bot.brain.operator.flood import Admission, FloodGuard
from bot.brain.reminders.outbox import Outbox
from bot.brain.routes import Turn, TurnOrigin
from bot.brain.services import BrainConfig, OtherReader
from bot.content.loader import Content
from bot.language.detect import LanguageDetector
from bot.language.text import MAX_INPUT_CHARS
from bot.model.clock import Clock
from bot.model.reply import Action, Button, Reply, para
from bot.model.tiers import HOLD_TIERS
from bot.model.user import UserState
from bot.store import StaleState, Store

TURN_ATTEMPTS = 5
"""A turn replayed this often at most when other instances keep saving the same user."""


class Assistant:
    """Decides every reply. Knows content, the user's stored state and the clock; no Telegram."""

    def __init__(
        self,
        content: Content | Mapping[str, Content],
        store: Store,
        clock: Clock,
        config: BrainConfig,
    ):
        library = {content.language: content} if isinstance(content, Content) else dict(content)
        self._library = library
        self._store, self._clock, self._config = store, clock, config
        self.default = config.default_language if config.default_language in library else None
        self.default = self.default or next(iter(library))
        built = {
            code: built_for(language_content, code) for code, language_content in library.items()
        }
        names = {code: c.profile.name for code, c in library.items()}
        self._detector = LanguageDetector(
            {code: parts.dialect for code, parts in built.items()},
            {
                code: frozenset(
                    parts.dialect.fold(w.lower()) for w in library[code].profile.common_words
                )
                for code, parts in built.items()
            },
            {code: _names_in(c) for code, c in library.items()},
        )
        others = {
            code: OtherReader(parts.dialect, parts.triage, self._uses(code))
            for code, parts in built.items()
        }
        self._brains = {
            code: Brain(
                parts,
                store,
                clock,
                config,
                tuple(reader for other, reader in others.items() if other != code),
                names,
                self._switch,
            )
            for code, parts in built.items()
        }
        self._telegram_codes = {
            telegram: code for code, c in library.items() for telegram in c.profile.telegram_codes
        }
        self._flood = FloodGuard()
        self.outbox = Outbox(
            store,
            clock,
            config,
            {code: brain.compose_reminder for code, brain in self._brains.items()},
            self.default,
        )
        """What the delivery face sends and records (see bot/brain/reminders/outbox.py)."""

    def rebuilt(self, content: Content | Mapping[str, Content]) -> Assistant:
        """A new assistant on other content, sharing this one's store, clock and settings."""
        return Assistant(content, self._store, self._clock, self._config)

    # -- what faces call ----------------------------------------------------------------------

    @property
    def content(self) -> Content:
        """The default language's content (for faces that need one language's texts)."""
        return self._brains[self.default].content

    @property
    def languages(self) -> dict[str, Content]:
        return dict(self._library)

    def content_in(self, language_code: str | None) -> Content:
        """The content of the language a Telegram app language means (else the default's)."""
        return self._library[self._language_of(language_code) or self.default]

    def _language_of(self, telegram: str | None) -> str | None:
        return self._telegram_codes.get((telegram or "").split("-")[0].lower())

    async def reply(
        self, user_id: int, text: str | None, chat_id: int = 0, language_code: str | None = None
    ) -> Reply:
        """The reply to one typed message (commands included)."""
        origin = TurnOrigin(self._clock.now())  # shared by every attempt: a replay is that turn
        return await _retried(
            lambda: self._reply_once(user_id, text, chat_id, language_code, origin)
        )

    async def _reply_once(
        self,
        user_id: int,
        text: str | None,
        chat_id: int,
        language_code: str | None,
        origin: TurnOrigin,
    ) -> Reply:
        state = await self._store.users.load(user_id, chat_id)
        before = state.fingerprint()
        written_in = self._detector.clear_language((text or "")[:MAX_INPUT_CHARS])
        chosen = self._settle_language(state, written_in, language_code)
        reply_from_other = bool(written_in and written_in != chosen and not state.pending)
        if reply_from_other:
            reply = await self._brains[written_in].reply(state, text, origin)
            reply = self._with_switch_offer(reply, written_in)
        else:
            reply = await self._brains[chosen].reply(state, text, origin)
        await self._save_if_changed(state, before, origin.now)
        return replace(reply, language=written_in if reply_from_other else chosen)

    async def press(
        self, user_id: int, action: Action, chat_id: int = 0, language_code: str | None = None
    ) -> Reply:
        """The reply to a button press, in the user's language."""
        origin = TurnOrigin(self._clock.now())
        return await _retried(
            lambda: self._press_once(user_id, action, chat_id, language_code, origin)
        )

    async def _press_once(
        self,
        user_id: int,
        action: Action,
        chat_id: int,
        language_code: str | None,
        origin: TurnOrigin,
    ) -> Reply:
        state = await self._store.users.load(user_id, chat_id)
        before = state.fingerprint()
        chosen = self._settle_language(state, None, language_code)
        reply = await self._brains[chosen].press(state, action, origin)
        await self._save_if_changed(state, before, origin.now)
        return replace(reply, language=state.language or chosen)

    async def group_notice(self, chat_id: int, language_code: str | None = None) -> str | None:
        """What to say in a group chat: once per group, ever, to write privately; then None."""
        if not await self._store.groups.tell_once(chat_id, self._clock.now()):
            return None
        return self.content_in(language_code).messages.general.private_only

    def action_names(self) -> frozenset[str]:
        """Every button action some feature answers (for tools and property tests)."""
        return self._brains[self.default].action_names()

    def expired(self, language_code: str | None = None) -> Reply:
        """What a button that cannot be decoded (stale, forged) answers."""
        return self._brains[self._language_of(language_code) or self.default].expired()

    def admit(self, user_id: int, text: str = "") -> tuple[bool, str | None]:
        """Flood protection at arrival: (answer it?, a slow-down notice to send instead, once).

        Someone describing an emergency is answered even mid-flood: silence could cost a life.
        """
        admission = self._flood.admit(user_id, self._clock.now())
        if admission is Admission.ANSWER:
            return True, None
        brain = self._brains[self.default]
        if text and brain.assess(text[:MAX_INPUT_CHARS]).tier in HOLD_TIERS:
            return True, None
        if admission is Admission.WARN:
            return False, self.content.messages.flood.slow_down
        return False, None

    # -- languages ----------------------------------------------------------------------------

    def _settle_language(
        self, state: UserState, written_in: str | None, telegram: str | None
    ) -> str:
        """The user's language; decided (and stored) on their first turn, from the app language,
        else the language the message is clearly `written_in`, else the default."""
        if state.language in self._brains:
            return state.language
        code = self._language_of(telegram) or written_in or self.default
        state.language = code
        return code

    def _uses(self, code: str):
        def uses(text: str) -> bool:
            return self._detector.words_of(code, text) >= 2

        return uses

    def _with_switch_offer(self, reply: Reply, code: str) -> Reply:
        texts = self._library[code].messages.language
        offer = (Button(texts.offer_button, Action("language", code)),)
        return replace(
            reply, blocks=(*reply.blocks, para(texts.offer)), buttons=(*reply.buttons, offer)
        )

    async def _switch(self, turn: Turn, code: str) -> Reply:
        """Called by a brain's /language: from now on, `code`'s brain answers this user."""
        turn.state.language = code
        brain = self._brains[code]
        return brain.languages_switched()

    async def _save_if_changed(self, state: UserState, before: str, now: datetime) -> None:
        """Write the user's state only when a turn changed it (or the user is new)."""
        if state.erased:
            return
        if state.is_new or state.fingerprint() != before:
            await self._store.users.save(state, now)


async def _retried(turn: Callable[[], Awaitable[Reply]]) -> Reply:
    """Run a turn again on fresh state when another instance saved the same user meanwhile
    (StaleState): the loser's turn is replayed, so neither update is lost."""
    for _ in range(TURN_ATTEMPTS - 1):
        try:
            return await turn()
        except StaleState:
            continue
    return await turn()


def _names_in(content: Content) -> frozenset[str]:
    """The exercise and goal names of one language's content: what tells a lone name's language."""
    names: set[str] = set()
    for item in (*content.exercises.values(), *content.goals.values()):
        names.update((item.name, *item.aliases))
    return frozenset(names)
