"""What every feature may use: content, store, clock and the brain's settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.content.loader import Content
from bot.language.matching.matcher import Matcher
from bot.language.triage.triage import Triage
from bot.model.clock import Clock
from bot.model.reply import Action, Button, Reply, para, rows
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
    store_safety_text: bool = False
    reminder_grace_hours: float = 2.0
    admin_user_ids: frozenset[int] = field(default_factory=frozenset)


@dataclass
class Services:
    content: Content
    store: Store
    clock: Clock
    config: BrainConfig
    matcher: Matcher
    triage: Triage

    def menu_buttons(self) -> tuple[tuple[Button, ...], ...]:
        labels = self.content.messages.buttons
        buttons = [Button(getattr(labels, label), action) for label, action in MAIN_MENU]
        return rows(*buttons, per_row=2)

    def menu_reply(self, kind: str, text: str, **fields) -> Reply:
        """A short text with the main menu under it."""
        return Reply(kind, (para(text),), buttons=self.menu_buttons(), **fields)
