"""Shared pieces of the content schema."""

from __future__ import annotations

from typing import Annotated

from bot.content.record import Record, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,24}$")]
"""Entry ids are short snake_case words: they travel inside 64-byte Telegram button data."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Any user-facing text: never empty."""


class StrictModel(Record):
    """Unknown keys are errors, so a typo in a YAML field name is caught by `check`; validated by
    pydantic (bot/content/validation.py), kept as a light read-only record."""
