"""Reminder subscriptions and deliveries as plain data, shared by the store, brain and faces.

A delivery's life: `due` (owed) → `sending` (claimed just before the HTTP request) → `sent`;
or `missed` (older than the grace period), `blocked` (the user blocked the bot), `failed`
(Telegram refused it), `cancelled` (a snooze made pointless), `unconfirmed` (the request may have
arrived but no answer came; never repeated, which is what makes delivery at-most-once).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.model.schedule import Schedule

DUE, SENDING, SENT, MISSED = "due", "sending", "sent", "missed"
BLOCKED, FAILED, CANCELLED, UNCONFIRMED = "blocked", "failed", "cancelled", "unconfirmed"
FINISHED = (SENT, MISSED, BLOCKED, FAILED, CANCELLED, UNCONFIRMED)
"""Every status a delivery ends in: only `due` and `sending` are still open."""


@dataclass(frozen=True)
class Subscription:
    id: int
    user_id: int
    chat_id: int
    schedule: Schedule
    active: bool
    paused: bool
    next_due: datetime | None
    next_slot: str | None
    created_at: datetime
    summary_day: int | None = None
    """The weekday (Monday=0) of the opt-in weekly summary; None while it is off."""

    @property
    def running(self) -> bool:
        return self.active and not self.paused


@dataclass(frozen=True)
class Delivery:
    subscription: Subscription
    slot: str
    """The local slot key ("2026-01-05T18:30"); snoozes append ".s1", ".s2"…"""
    due: datetime
    attempts: int


@dataclass(frozen=True)
class Materialized:
    due: int
    missed: int
