"""What a turn records besides the user's state: written with its save, in one transaction.

A turn that loses its save to another instance is replayed on a freshly loaded state, so what
the lost attempt collected here is dropped with it and written once, by the attempt that saves
(see `UserState` and `bot/store/users.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Miss:
    """A question the bot could not answer (or only guessed at), for the content staff."""

    text: str
    outcome: str
    best_id: str | None
    score: float | None
    at: datetime


@dataclass(frozen=True)
class Feedback:
    """An answer the user found helpful or not (anonymous: no user id is kept with it)."""

    entry_id: str
    helpful: bool
    at: datetime


@dataclass(frozen=True)
class LevelChange:
    """The user's level moved: the painless streak counts from here."""

    level: str
    reason: str
    at: datetime
