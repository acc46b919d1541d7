"""What every feature may use: content, store, clock and the brain's settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.content.loader import Content
from bot.language.dialect import ENGLISH, Dialect, speaking
from bot.language.matching.matcher import Matcher
from bot.language.regions import country_of
from bot.language.triage.neighbours import Neighbours
from bot.language.triage.triage import Triage, TriageResult
from bot.language.triage.whole_message import WholeMessage
from bot.model.clock import Clock
from bot.model.reply import Action, Button, Reply, para, rows
from bot.model.tiers import rank
from bot.store import Store

MAIN_MENU = (
    ("exercises", Action("goals")),
    ("session", Action("session")),
    ("pain", Action("pain")),
    ("reminders", Action("reminders")),
)
"""The main menu, in order: (label in messages.yaml `buttons`, action)."""


@dataclass(frozen=True)
class BrainConfig:
    emergency_number: str = "112"
    default_timezone: str = "Europe/Oslo"
    default_language: str = "en"
    """For a user whose Telegram language and first message tell nothing."""
    store_safety_text: bool = False
    reminder_grace_hours: float = 2.0
    admin_user_ids: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class OtherReader:
    """Another language's safety screen, and whether a message uses that language at all."""

    dialect: Dialect
    triage: Triage
    uses: Callable[[str], bool]


@dataclass
class Services:
    content: Content
    store: Store
    clock: Clock
    config: BrainConfig
    matcher: Matcher
    triage: Triage
    dialect: Dialect = ENGLISH
    other_readers: tuple[OtherReader, ...] = ()
    """The other languages' safety screens: a message is screened in every language it uses."""
    safety_net: Neighbours | None = None
    """The safety net's exemplar index as built with the language; None: Safety builds it."""
    whole_message: WholeMessage | None = None
    """The whole-message detector as built with the language; None: Safety reads the bank."""

    def assess(self, text: str) -> TriageResult:
        """This language's verdict, unless another language reads something more serious in it
        (a Norwegian red flag inside an English message). Rule ids are the same in every
        language, so the reply is still written in this one."""
        result = self.triage.assess(text)
        for reader in self.other_readers:
            if not reader.uses(text):
                continue  # read as English, "ingen feber" would be a typo of "fever"
            with speaking(reader.dialect):
                other = reader.triage.assess(text)
            if rank(other.tier) < rank(result.tier):
                result = other
        return result

    def country_of(self, timezone: str | None) -> str | None:
        """The user's country: from their timezone, else where their language is spoken."""
        return country_of(timezone) or self.content.profile.home_country

    def emergency_number(self, timezone: str | None) -> str:
        """The number to call in the user's country, else the configured one."""
        country = self.country_of(timezone)
        return self.content.emergency_numbers.get(country or "", self.config.emergency_number)

    def menu_buttons(self) -> tuple[tuple[Button, ...], ...]:
        labels = self.content.messages.buttons
        buttons = [Button(getattr(labels, label), action) for label, action in MAIN_MENU]
        return rows(*buttons, per_row=2)

    def menu_reply(self, kind: str, text: str, **fields) -> Reply:
        """A short text with the main menu under it."""
        return Reply(kind, (para(text),), buttons=self.menu_buttons(), **fields)
