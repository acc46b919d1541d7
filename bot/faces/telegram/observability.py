"""The operator's view hooked into the Telegram Application, without touching the handlers:
counters as updates and reminders flow, /healthz and /metrics, content reload on SIGHUP."""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import time
from dataclasses import dataclass, field

from telegram import Update
from telegram.ext import Application, ContextTypes, TypeHandler
from tornado.httpserver import HTTPServer

from bot.faces.telegram.delivery import ReminderDispatcher, TickReport
from bot.faces.telegram.webhook import Request, Response, WebhookServer
from bot.operations import http
from bot.operations.health import Liveness, check_health
from bot.operations.metrics import Metrics
from bot.operations.observed import ObservedAssistant
from bot.operations.reload import reload_content
from bot.runtime import Runtime
from bot.settings import Settings

log = logging.getLogger(__name__)

FIRST_GROUP, LAST_GROUP = -100, 100
"""Handler groups around the bot's own (group 0): PTB runs every group, in order, per update."""


@dataclass
class Operations:
    application: Application
    settings: Settings
    runtime: Runtime
    observed: ObservedAssistant
    metrics: Metrics = field(default_factory=Metrics)
    liveness: Liveness = field(default_factory=lambda: Liveness(tick_seconds=20.0))
    server: HTTPServer | None = None
    _arrived_at: dict[int, float] = field(default_factory=dict)

    async def health(self) -> tuple[bool, dict]:
        return await check_health(self.runtime.store, self.liveness, self.application.bot.get_me)

    async def reload(self) -> bool:
        return await reload_content(self.observed, self.settings.knowledge_dir, self.metrics)

    def observe_reminders(self, dispatcher: ReminderDispatcher) -> None:
        """Count each tick's outcomes; `tick` calls `self.run_once()`, so the instance attribute
        set here is what runs."""
        run_once = dispatcher.run_once

        async def observed_run_once() -> TickReport:
            try:
                report = await run_once()
            except Exception as error:
                self.metrics.errors.labels(f"reminder_tick:{type(error).__name__}").inc()
                raise
            for outcome, count in report.outcomes.items():
                self.metrics.reminders.labels(outcome).inc(count)
            self.metrics.reminder_ticks.inc()
            self.metrics.last_tick.set_to_current_time()
            self.liveness.tick_done()
            return report

        dispatcher.run_once = observed_run_once

    async def _arrived(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        self._arrived_at[update.update_id] = time.perf_counter()
        self.metrics.updates.labels(_kind(update)).inc()

    async def _handled(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        started = self._arrived_at.pop(update.update_id, None)
        if started is not None:
            elapsed = time.perf_counter() - started
            self.metrics.reply_seconds.labels(_kind(update)).observe(elapsed)

    async def _count_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        self.metrics.errors.labels(type(context.error).__name__).inc()

    def add_routes(self, server: WebhookServer) -> None:
        """/healthz and /metrics on the webhook's own server (bot/faces/telegram/webhook.py)."""

        async def healthz(request: Request) -> Response:
            healthy, report = await self.health()
            body = json.dumps(report).encode()
            return Response(200 if healthy else 503, body, "application/json")

        async def metrics(request: Request) -> Response:
            data, content_type = self.metrics.render()
            return Response(200, data, content_type)

        server.route("GET", "/healthz", healthz)
        server.route("GET", "/metrics", metrics)
        log.info("serving /healthz and /metrics on the webhook server")

    def _serve_alone(self) -> None:
        if self.settings.metrics_port:
            self.server = http.serve(
                self.health,
                self.metrics.render,
                self.settings.metrics_listen,
                self.settings.metrics_port,
            )

    def _on_sighup(self) -> None:
        log.info("SIGHUP: reloading the content from %s", self.settings.knowledge_dir)
        self.application.create_task(self.reload(), name="content-reload")

    async def close(self) -> None:
        asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
        if self.server is not None:
            self.server.stop()


def install(application: Application, settings: Settings, runtime: Runtime) -> Operations:
    """Call from post_init. Hand `operations.observed` to handlers and reminders in place of
    `runtime.assistant`, then `observe_reminders(dispatcher)`."""
    metrics = Metrics()
    operations = Operations(
        application,
        settings,
        runtime,
        ObservedAssistant(runtime.assistant, metrics),
        metrics=metrics,
        liveness=Liveness(tick_seconds=settings.reminder_tick_seconds),
    )
    application.add_handler(TypeHandler(Update, operations._arrived), group=FIRST_GROUP)
    application.add_handler(TypeHandler(Update, operations._handled), group=LAST_GROUP)
    application.add_error_handler(operations._count_error)
    asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, operations._on_sighup)
    if not settings.webhook_url:  # in webhook mode the webhook server adds them (add_routes)
        operations._serve_alone()
    return operations


def _kind(update: Update) -> str:
    """The update's type as Telegram names it: message, callback_query, my_chat_member, …"""
    for kind in Update.ALL_TYPES:
        if getattr(update, kind, None) is not None:
            return kind
    return "other"
