"""Shared pieces of the content schema."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,24}$")]
"""Entry ids are short snake_case words: they travel inside 64-byte Telegram button data."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Any user-facing text: never empty."""


class StrictModel(BaseModel):
    """Unknown keys are errors, so a typo in a YAML field name is caught by `check`."""

    # Validators are built on first validation, not at import: a start from the build cache
    # validates nothing (the cache was written from validated content), and saves building them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
