"""Which session a button belongs to: "20260105.b.core" (date, level, goal), plus ".3" for a step.

Every press rebuilds exactly the session the user is looking at, even after a level change
halfway through. Sessions from before yesterday have expired.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.content.models import LEVELS

LEVEL_CODES = {level[0]: level for level in LEVELS}


@dataclass(frozen=True)
class SessionRef:
    """Which session a button belongs to, and which step of it (None: the whole session)."""

    day: date
    level: str
    goal: str
    index: int | None = None

    @property
    def key(self) -> str:
        return f"{self.day:%Y%m%d}.{self.level[0]}.{self.goal}"

    def at(self, index: int) -> str:
        return f"{self.key}.{index}"


def parse_ref(arg: str) -> SessionRef | None:
    parts = arg.split(".")
    if len(parts) not in (3, 4) or len(parts[0]) != 8 or not parts[0].isdigit():
        return None
    try:
        day = datetime.strptime(parts[0], "%Y%m%d").date()
    except ValueError:
        return None
    level = LEVEL_CODES.get(parts[1])
    index = None
    if len(parts) == 4:
        if not parts[3].isdigit():
            return None
        index = int(parts[3])
    if level is None:
        return None
    return SessionRef(day, level, parts[2], index)
