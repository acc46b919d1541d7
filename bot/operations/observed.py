"""The assistant as the faces see it: every reply counted, and swappable for a freshly built one
(content reload) while handlers and the reminder dispatcher keep holding this same object."""

from __future__ import annotations

from typing import Any

from bot.brain.assistant import Assistant
from bot.brain.reminders.message import LATE_AFTER
from bot.model.reminders import Delivery
from bot.model.reply import Action, Reply
from bot.operations.metrics import TIERS, Metrics


class ObservedAssistant:
    def __init__(self, assistant: Assistant, metrics: Metrics):
        self.current = assistant
        self._metrics = metrics

    def swap(self, assistant: Assistant) -> None:
        """One assignment: the next turn uses the new brain, a turn in progress ends on the old."""
        self.current = assistant

    def __getattr__(self, name: str) -> Any:
        return getattr(self.current, name)

    async def reply(
        self, user_id: int, text: str | None, chat_id: int = 0, language_code: str | None = None
    ) -> Reply:
        reply = await self.current.reply(
            user_id, text, chat_id=chat_id, language_code=language_code
        )
        return self._count(reply)

    async def press(
        self, user_id: int, action: Action, chat_id: int = 0, language_code: str | None = None
    ) -> Reply:
        reply = await self.current.press(
            user_id, action, chat_id=chat_id, language_code=language_code
        )
        return self._count(reply)

    @property
    def outbox(self) -> _ObservedOutbox:
        return _ObservedOutbox(self.current.outbox, self._metrics)

    def _count(self, reply: Reply) -> Reply:
        self._metrics.replies.labels(reply.kind).inc()
        if reply.severity in TIERS:
            self._metrics.escalations.labels(reply.severity).inc()
        if reply.kind == "fallback":
            self._metrics.unanswered.inc()
        return reply


class _ObservedOutbox:
    """The reminder outbox, with late reminders counted (the brain's own rule for the note)."""

    def __init__(self, feature: Any, metrics: Metrics):
        self._feature = feature
        self._metrics = metrics

    def __getattr__(self, name: str) -> Any:
        return getattr(self._feature, name)

    async def compose(self, delivery: Delivery) -> Reply:
        reply = await self._feature.compose(delivery)
        if self._feature.now() - delivery.due > LATE_AFTER:
            self._metrics.reminders_late.inc()
        return reply
