"""Per-user flood protection: past the limit, one polite slow-down notice, then silence until calm.

Time comes from the caller (the injected clock), so tests move a clock instead of sleeping.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime, timedelta
from enum import Enum

MESSAGE_LIMIT = 20
WINDOW = timedelta(seconds=10)
SWEEP_EVERY = 1000
"""Forget idle users after this many new ones, so memory stays bounded on a busy bot."""


class Admission(Enum):
    ANSWER = "answer"
    WARN = "warn"
    """Over the limit for the first time: send the slow-down notice instead of an answer."""
    IGNORE = "ignore"


class FloodGuard:
    """Counts each user's messages in a sliding window; every arrival counts, ignored ones too."""

    def __init__(self, limit: int = MESSAGE_LIMIT, window: timedelta = WINDOW):
        self.limit = limit
        self.window = window
        self._arrivals: dict[int, deque[datetime]] = {}
        self._warned: set[int] = set()
        self._new_since_sweep = 0

    def admit(self, user_id: int, now: datetime) -> Admission:
        arrivals = self._arrivals.get(user_id)
        if arrivals is None:
            self._new_since_sweep += 1
            if self._new_since_sweep >= SWEEP_EVERY:
                self._sweep(now)
            # One more than the limit is all it takes to tell "over the limit"; older drop off.
            arrivals = self._arrivals[user_id] = deque(maxlen=self.limit + 1)
        arrivals.append(now)
        while arrivals and arrivals[0] <= now - self.window:
            arrivals.popleft()
        if len(arrivals) <= self.limit:
            self._warned.discard(user_id)
            return Admission.ANSWER
        if user_id in self._warned:
            return Admission.IGNORE
        self._warned.add(user_id)
        return Admission.WARN

    def _sweep(self, now: datetime) -> None:
        idle = [
            user_id
            for user_id, arrivals in self._arrivals.items()
            if not arrivals or arrivals[-1] <= now - self.window
        ]
        for user_id in idle:
            del self._arrivals[user_id]
            self._warned.discard(user_id)
        self._new_since_sweep = 0
