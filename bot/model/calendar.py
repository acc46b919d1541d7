"""The user's calendar: which timezone their day runs in, and where their week starts."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone_of(timezone: str | None, default: str) -> ZoneInfo:
    """The named zone, or `default` when none is set or the name is no longer valid."""
    try:
        return ZoneInfo(timezone or default)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(default)


def local_date(moment: datetime, timezone: str | None, default: str) -> date:
    return moment.astimezone(zone_of(timezone, default)).date()


def week_start(day: date) -> date:
    """The Monday of `day`'s week: weeks run Monday to Sunday everywhere in the bot."""
    return day - timedelta(days=day.weekday())
