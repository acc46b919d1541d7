"""/healthz as a plain function: database reachable, reminder tick recent, Telegram reachable."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.store import Store

TELEGRAM_CHECK_EVERY = 30.0
"""Seconds a Telegram check is reused: a scraper polling every second must not hit the API."""
CHECK_TIMEOUT = 5.0


@dataclass
class Liveness:
    """What the running bot reports about itself (times are Unix seconds)."""

    tick_seconds: float
    started_at: float = field(default_factory=time.time)
    last_tick_at: float | None = None
    telegram_checked_at: float | None = None
    telegram_error: str | None = None

    def tick_done(self) -> None:
        self.last_tick_at = time.time()

    def tick_limit(self) -> float:
        """A tick older than this means the dispatcher is stuck (a slow tick may take minutes)."""
        return max(3 * self.tick_seconds, 120.0)


async def check_health(
    store: Store, liveness: Liveness, probe_telegram: Callable[[], Awaitable[object]]
) -> tuple[bool, dict]:
    """(healthy, report): the report says which check failed and why, as JSON-ready data."""
    now = time.time()
    checks: dict[str, dict] = {"database": await _database(store)}
    age = now - (liveness.last_tick_at or liveness.started_at)
    checks["reminder_tick"] = {
        "ok": age <= liveness.tick_limit(),
        "age_seconds": round(age, 1),
        "ticked": liveness.last_tick_at is not None,
    }
    checks["telegram"] = await _telegram(liveness, probe_telegram, now)
    healthy = all(check["ok"] for check in checks.values())
    return healthy, {"status": "ok" if healthy else "failing", "checks": checks}


async def _database(store: Store) -> dict:
    try:
        await asyncio.wait_for(store.ping(), CHECK_TIMEOUT)
    except Exception as error:  # noqa: BLE001 - any failure is the answer
        return {"ok": False, "error": repr(error)}
    return {"ok": True}


async def _telegram(liveness: Liveness, probe: Callable[[], Awaitable[object]], now: float) -> dict:
    checked = liveness.telegram_checked_at
    if checked is None or now - checked > TELEGRAM_CHECK_EVERY:
        try:
            await asyncio.wait_for(probe(), CHECK_TIMEOUT)
            liveness.telegram_error = None
        except Exception as error:  # noqa: BLE001 - any failure is the answer
            # The class only: Bot API error texts can carry the request URL, token included.
            liveness.telegram_error = type(error).__name__
        liveness.telegram_checked_at = checked = now
    report = {"ok": liveness.telegram_error is None, "checked_seconds_ago": round(now - checked)}
    return report | ({"error": liveness.telegram_error} if liveness.telegram_error else {})
