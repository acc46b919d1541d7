"""How a feature plugs into the pipeline: commands, button actions and awaited typed answers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.model.reply import Reply
from bot.model.user import UserState


@dataclass
class TurnOrigin:
    """What every attempt of one turn shares: one replayed after its save lost to another
    instance is the same turn, at the same moment."""

    now: datetime
    sessions_counted: set[date] = field(default_factory=set)
    """Days whose session an attempt of this turn counted: rows outside the user's save, which
    a replay finds already there and must still treat as its own (bot/brain/coach/progress.py)."""


@dataclass
class Turn:
    """One incoming message or button press, with the user's state (saved after the reply)."""

    state: UserState
    origin: TurnOrigin
    text: str = ""
    """The message text, or a command's arguments."""
    arg: str = ""
    """A button action's argument."""

    @property
    def now(self) -> datetime:
        return self.origin.now


Handler = Callable[[Turn], Awaitable[Reply | None]]
"""A handler returns None when its argument is not (or no longer) valid: the button has expired."""


@dataclass
class Routes:
    """What a feature answers: `/command`, button action names and pending steps, by name."""

    commands: dict[str, Handler] = field(default_factory=dict)
    actions: dict[str, Handler] = field(default_factory=dict)
    pending: dict[str, Handler] = field(default_factory=dict)
    held: frozenset[str] = frozenset()
    """Commands and actions that suggest exercises: they wait while a user is on safety hold."""
    sticky: frozenset[str] = frozenset()
    """Pending steps that outlast a message they did not understand (a session being walked:
    a question in between must not end it)."""

    def merge(self, other: Routes) -> None:
        for mine, theirs in (
            (self.commands, other.commands),
            (self.actions, other.actions),
            (self.pending, other.pending),
        ):
            clash = mine.keys() & theirs.keys()
            if clash:
                raise ValueError(f"two features claim the same route(s): {sorted(clash)}")
            mine.update(theirs)
        self.held |= other.held
        self.sticky |= other.sticky
