"""What every feature may use: content, store, clock and the brain's settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from bot.content.loader import Content
from bot.language.matching.matcher import Matcher
from bot.language.triage.triage import Triage
from bot.model.clock import Clock
from bot.model.reply import Action, Block, Button, Reply, para, rows
from bot.model.user import UserState
from bot.store import Store


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
    menu_actions: list[tuple[str, Action]] = field(default_factory=list)
    """(button label, action) of the main menu, in order; features add theirs."""
    session_preview: Callable[[UserState, date], tuple[Block, ...]] | None = None
    """Today's session in a few lines, for reminder messages (set by the coach feature)."""
    onboarding: Callable[[UserState], Reply | None] | None = None
    """The first goal-and-level question for a user who has not answered it (set by Profile)."""
    action_names: set[str] = field(default_factory=set)
    """Every button action some feature answers (filled in by the assistant)."""

    def menu_buttons(self) -> tuple[tuple[Button, ...], ...]:
        buttons = [Button(label, action) for label, action in self.menu_actions]
        return rows(*buttons, per_row=2)

    def menu_reply(self, kind: str, text: str, **fields) -> Reply:
        """A short text with the main menu under it."""
        return Reply(kind, (para(text),), buttons=self.menu_buttons(), **fields)
