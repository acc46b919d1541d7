"""How updates reach the handlers: different users at once, each user's updates in order.

python-telegram-bot handles one update at a time by default, so one slow user (or a 100 ms Bot
API) holds everyone else back. `PerUserProcessor` runs updates concurrently but keeps a lock per
user (per chat when there is no user), so a user's messages are still answered in the order
they were sent. Flood counting happens here, when an update arrives and before it waits for its
user's lock: a flood is noticed, and dropped, while the earlier messages are still queued.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_CONCURRENT_UPDATES = 256

Arrival = Callable[[object], bool]
"""Called once per update as it arrives; False drops it without running any handler."""


class PerUserProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES):
        super().__init__(max_concurrent_updates)
        self.arrival: Arrival = lambda update: True
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if not self.arrival(update):
            if hasattr(coroutine, "close"):
                coroutine.close()  # never started: nothing to wait for
            return
        await super().process_update(update, coroutine)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:  # forget idle users: memory does not grow with them
                del self._waiting[key]
                del self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _key(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    if update.effective_chat is not None:
        return update.effective_chat.id
    return None
