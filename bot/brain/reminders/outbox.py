"""What the delivery face may do with reminders: find what is owed, compose it, record outcomes.

The face owns sending (rate limits, retries); the brain owns what a reminder says and the store
owns what is due. This is the one door between them, so the face never touches the store.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta

from bot.brain.services import BrainConfig
from bot.model.clock import Clock
from bot.model.reminders import Delivery, Materialized
from bot.model.reply import Reply
from bot.model.user import UserState
from bot.store import Store

Composer = Callable[[Delivery, UserState, datetime], Awaitable[Reply]]


class Outbox:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        config: BrainConfig,
        composers: Mapping[str, Composer],
        default_language: str,
    ):
        self._reminders = store.reminders
        self._summaries = store.summaries
        self._users = store.users
        self._clock = clock
        self._composers = composers
        """Language -> what a reminder says in it."""
        self._default = default_language
        self.grace = timedelta(hours=config.reminder_grace_hours)

    def now(self) -> datetime:
        return self._clock.now()

    async def register_sender(self, owner: str, host: str, pid: int) -> None:
        await self._reminders.register_sender(owner, host, pid, self.now())

    async def heartbeat(self, owner: str) -> None:
        await self._reminders.heartbeat(owner, self.now())

    async def senders(self) -> list[tuple[str, str, int, datetime]]:
        return await self._reminders.senders()

    async def recover(self, gone: list[str] | None = None) -> int:
        """Deliveries that stopped processes (`gone`, or none registered) left `sending` become
        `unconfirmed` (never repeated); those of live processes are left alone."""
        return await self._reminders.recover_interrupted(gone or [])

    async def come_due(self) -> Materialized:
        """Reminders and weekly summaries that came due, queued as deliveries."""
        reminders = await self._reminders.materialize_due(self.now(), self.grace)
        summaries = await self._summaries.materialize_due(self.now(), self.grace)
        return Materialized(reminders.due + summaries.due, reminders.missed + summaries.missed)

    async def owed(self, limit: int, owner: str | None = None) -> list[Delivery]:
        """What is owed now; with an `owner`, handed to that sender for a while (other
        instances on the same database are given other deliveries)."""
        return await self._reminders.pending(self.now(), limit, owner)

    async def compose(self, delivery: Delivery) -> Reply:
        """The reminder, in the language its subscriber reads."""
        subscription = delivery.subscription
        state = await self._users.load(subscription.user_id, subscription.chat_id)
        compose = self._composers.get(state.language or "", self._composers[self._default])
        return await compose(delivery, state, self.now())  # the state, loaded once per delivery

    async def claim(self, delivery: Delivery, owner: str | None = None) -> str | None:
        """`sending` when this caller may send it now, else the status that stops it."""
        return await self._reminders.claim(delivery, self.now(), self.grace, owner)

    async def finish(self, delivery: Delivery, status: str, error: str | None = None) -> None:
        await self._reminders.finish(delivery, status, self.now(), error)

    async def block(self, delivery: Delivery, error: str) -> None:
        """The user blocked the bot: their reminders are switched off."""
        await self._reminders.block(delivery, self.now(), error)

    async def defer(self, delivery: Delivery, wait: timedelta, error: str) -> None:
        await self._reminders.defer(delivery, self.now() + wait, error)

    async def prune(self, older_than: timedelta) -> int:
        return await self._reminders.prune(self.now() - older_than)
