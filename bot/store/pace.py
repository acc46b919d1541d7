"""One send clock for every instance on a shared database: Telegram's overall rate is per bot,
not per process, so each message takes its moment from rows everyone updates.

Two rules, both on the database's clock (the instances' own clocks need not agree):
- moments are spaced `1 / PER_SECOND` apart, so sends are spread evenly, not bunched;
- each send also holds one of PER_SECOND permits, given back one second after its answer came.
  A request reaches Telegram between its moment and its answer, so two sends on one permit reach
  it at least a second apart, and no second ever sees more than PER_SECOND of them, however late
  a request leaves or slow its answer is (a loaded machine, a stalled event loop). Spacing alone
  cannot promise that: a send delayed after its moment bunches with the next ones.

A permit has one holder at a time. Takes queue on the clock row's lock, so each sees every
earlier take committed, and a permit still leased (taken, not yet given back) is never handed out:
a lease ends far later than any cooldown. (One statement with SKIP LOCKED was not enough: under
load two takes could get the same leased permit, both wait for its lease to end, and send in the
same instant as a third holder, which made a 31st message in one second.)
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.store.db import Database

PER_SECOND = 30
"""Telegram's overall limit for one bot."""
LEASE_SECONDS = 60.0
"""A permit whose sender died before giving it back is free again after this."""
LEASED_BEYOND = LEASE_SECONDS / 2
"""A permit whose next moment lies further ahead than this is leased, not cooling down (a
cooldown is one second plus Telegram's retry_after, which is far shorter in practice; a longer
one only means the permit waits in the queue a little longer)."""
_PERMITS = "telegram/"
"""Name prefix of the permit rows in `send_pace`, next to the clock row 'telegram'."""

_NOT_WAITING_FOR_DISK = "quick AS (SELECT set_config('synchronous_commit', 'off', true))"
"""A CTE that commits its statement without waiting for the disk (SET LOCAL, in the one statement
of the transaction): turns and permits need not survive a crash of the server (permits come
back after their lease), and every send waits for two of these statements."""


@dataclass(frozen=True)
class Turn:
    permit: str | None
    """None when every permit was being taken at that instant: take again."""
    wait: float
    """Seconds from now to the reserved moment."""


class SendPace:
    def __init__(self, db: Database):
        self._db = db
        self._permits_made = False

    async def take(self) -> Turn:
        """Reserve a permit and the next moment to send at (across all instances)."""
        if not self._permits_made:
            await self._make_permits()
        async with self._db.transaction() as db:
            await db.fetchall(
                "SELECT set_config('synchronous_commit', 'off', true) "
                "FROM send_pace WHERE name = 'telegram' FOR UPDATE"
            )
            rows = await db.fetchall(
                "WITH permit AS ("
                "  SELECT name, next_at FROM send_pace WHERE name LIKE ? "
                "  AND next_at < clock_timestamp() + make_interval(secs => ?) "
                "  ORDER BY next_at LIMIT 1"
                "), taken AS ("
                "  UPDATE send_pace SET next_at = clock_timestamp() + make_interval(secs => ?) "
                "  FROM permit WHERE send_pace.name = permit.name "
                "  RETURNING permit.name, permit.next_at AS free_at"
                "), clock AS ("
                "  UPDATE send_pace SET next_at = GREATEST(next_at, clock_timestamp(), "
                "    (SELECT free_at FROM taken)) + make_interval(secs => ?) "
                "  WHERE name = 'telegram' AND EXISTS (SELECT 1 FROM taken) "
                "  RETURNING next_at"
                ") SELECT taken.name, "
                "EXTRACT(EPOCH FROM clock.next_at - clock_timestamp())::float8 - ? AS wait "
                "FROM taken, clock",
                (_PERMITS + "%", LEASED_BEYOND, LEASE_SECONDS, 1 / PER_SECOND, 1 / PER_SECOND),
            )
        if not rows:
            return Turn(None, 1 / PER_SECOND)
        return Turn(rows[0]["name"], max(0.0, rows[0]["wait"]))

    async def give_back(self, permit: str, hold: float = 0.0) -> None:
        """After the request's answer (or its failure): the permit is free one second from now.
        `hold`: Telegram asked to wait this long (a 429), so every instance waits with it."""
        await self._db.write(
            f"WITH {_NOT_WAITING_FOR_DISK} UPDATE send_pace SET next_at = CASE "
            "WHEN name = 'telegram' "
            "THEN GREATEST(next_at, clock_timestamp() + make_interval(secs => ?)) "
            "ELSE clock_timestamp() + make_interval(secs => ?) END FROM quick "
            "WHERE name = ? OR (name = 'telegram' AND ?::float8 > 0)",
            (hold, 1.0 + hold, permit, hold),
        )

    async def _make_permits(self) -> None:
        """The permit rows, made once by whichever instance sends first (no migration: they are
        rows of the table migration 6 made)."""
        await self._db.write(
            "INSERT INTO send_pace (name, next_at) "
            "SELECT ? || n, clock_timestamp() FROM generate_series(0, ? - 1) AS n "
            "ON CONFLICT (name) DO NOTHING",
            (_PERMITS, PER_SECOND),
        )
        self._permits_made = True
