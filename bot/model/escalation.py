"""A safety escalation a turn made, for the operator's report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Escalation:
    tier: str
    rule_id: str | None
    source: str
    text: str | None
    """What the user wrote, only when STORE_SAFETY_TEXT is on."""
    at: datetime
