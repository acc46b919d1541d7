"""The safety tiers, highest first: one list for content, triage, brain and reports."""

from __future__ import annotations

from typing import Literal

Tier = Literal["emergency", "urgent", "stop", "soreness"]
TIERS: tuple[Tier, ...] = ("emergency", "urgent", "stop", "soreness")
"""Highest first: when several rules match, the earliest tier wins."""
HOLD_TIERS: tuple[Tier, ...] = ("emergency", "urgent")
"""Tiers that raise the alarm and put exercise suggestions on hold until the user is cleared."""
STREAK_BREAKING: tuple[Tier, ...] = ("emergency", "urgent", "stop")
"""Escalations that end a painless streak of sessions (soreness does not)."""


def rank(tier: str | None) -> int:
    """Lower is more serious; no tier ranks below every tier."""
    return TIERS.index(tier) if tier in TIERS else len(TIERS)
