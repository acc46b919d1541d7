"""The safety tiers, highest first: one list for content, triage, brain and reports."""

from __future__ import annotations

from typing import Literal

Tier = Literal["crisis", "emergency", "urgent", "stop", "daily_pain", "soreness"]
TIERS: tuple[Tier, ...] = ("crisis", "emergency", "urgent", "stop", "daily_pain", "soreness")
"""Highest first: when several rules match, the earliest tier wins. `crisis` (suicidal thoughts,
self-harm, overdose) is above every physical red flag; `daily_pain` is back pain in daily life,
not caused by an exercise, so it ranks below `stop` (pain an exercise caused)."""
HOLD_TIERS: tuple[Tier, ...] = ("crisis", "emergency", "urgent")
"""Tiers that raise the alarm and put exercise suggestions on hold until the user is cleared."""
STREAK_BREAKING: tuple[Tier, ...] = ("emergency", "urgent", "stop")
"""Escalations that end a painless streak of sessions (soreness does not)."""


def rank(tier: str | None) -> int:
    """Lower is more serious; no tier ranks below every tier."""
    return TIERS.index(tier) if tier in TIERS else len(TIERS)
