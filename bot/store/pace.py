"""One send clock for every instance on a shared database: Telegram's overall rate is per bot,
not per process, so each message takes the next free moment from one row everyone updates."""

from __future__ import annotations

from bot.store.db import Database


class SendPace:
    def __init__(self, db: Database):
        self._db = db

    async def take(self, interval: float) -> float:
        """Reserve the next moment to send at, `interval` seconds after the one before (across
        all instances); returns how many seconds to wait for it. Measured on the database's
        clock, so the instances' own clocks need not agree."""
        row = await self._db.fetchone(
            "UPDATE send_pace SET next_at = GREATEST(next_at, clock_timestamp()) "
            "+ make_interval(secs => ?) WHERE name = 'telegram' "
            "RETURNING EXTRACT(EPOCH FROM next_at - clock_timestamp())::float8 - ? AS wait",
            (interval, interval),
        )
        return max(0.0, row["wait"])
