"""What the brain remembers about one user between messages (loaded from and saved to the store)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.model.escalation import Escalation
from bot.model.records import Feedback, LevelChange, Miss


@dataclass
class UserState:
    user_id: int
    chat_id: int = 0
    goal: str | None = None
    level: str = "beginner"
    onboarded: bool = False
    timezone: str | None = None
    safety_hold: str | None = None
    """Tier of the last emergency/urgent escalation; exercises are not pushed while it is set."""
    last_product_at: datetime | None = None
    pending: str | None = None
    """A question the bot asked and awaits a typed answer to (e.g. "remind_time")."""
    pending_data: dict = field(default_factory=dict)
    language: str | None = None
    """The language replies are written in ("en", "nb"); None until first decided."""
    stages: dict[str, int] = field(default_factory=dict)
    """Per-exercise step from progression: -1 easier variation, 0 standard, 1 harder variation."""
    stored_stages: dict[str, int] = field(default_factory=dict)
    """The stages as the store last read or wrote them: a save leaves that table alone when
    they are unchanged (most turns), which makes it one statement."""
    version: int = 0
    """The stored row's version when loaded (0: no row yet); a save over a newer one is refused
    (StaleState)."""
    escalations: list[Escalation] = field(default_factory=list)
    """Made this turn and written with its save, in the same transaction: a turn replayed after
    a refused save starts from a freshly loaded state, so the lost attempt's are never written."""
    misses: list[Miss] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    level_changes: list[LevelChange] = field(default_factory=list)
    """Like `escalations`: recorded this turn, written with its save (bot/model/records.py)."""
    is_new: bool = False
    erased: bool = False
    """Set when the user erased their data this turn: the state must not be saved again."""

    def has_records(self) -> bool:
        """Whether this turn made anything to write besides the users row."""
        return bool(self.escalations or self.misses or self.feedback or self.level_changes)

    def clear_records(self) -> None:
        """Written: the next turn starts with nothing to record."""
        for made in (self.escalations, self.misses, self.feedback, self.level_changes):
            made.clear()

    def fingerprint(self) -> str:
        """A snapshot to tell whether a turn changed anything worth saving (compared within one
        turn only, so the fields' order, fixed by the dataclass, needs no sorting)."""
        return repr(tuple(vars(self).values()))
