"""The weekly summary asked for in words, in the turn's language. Pure.

"send me a weekly summary on sundays" → on, Sunday; "ukentlig oppsummering på søndag" → on,
Sunday; "stop the weekly summary" → off; "what is the weekly summary?" → a question (the
settings, which explain it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.language.commands import parse_day_words, vocabulary
from bot.language.text import normalize

Wish = Literal["on", "off", "ask"]


@dataclass(frozen=True)
class SummaryRequest:
    wish: Wish
    day: int | None = None
    """The weekday named (Monday=0); None when none was."""


def summary_request(text: str) -> SummaryRequest | None:
    """What a message asks of the weekly summary, or None when it does not name it."""
    words = vocabulary().commands
    normal = normalize(text)
    if not words.summary.search(normal):
        return None
    if words.stop.search(normal):
        return SummaryRequest("off")
    days = sorted(parse_day_words(text))
    if days:
        return SummaryRequest("on", days[0])
    return SummaryRequest("ask" if "?" in text else "on")
