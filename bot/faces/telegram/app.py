"""Composition root of the Telegram face: settings → Application with handlers and hooks."""

from __future__ import annotations

import logging

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    Defaults,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.brain.operator.flood import FloodGuard
from bot.content.loader import Content
from bot.faces.telegram import handlers, observability
from bot.faces.telegram.delivery import rate_limiter, start_reminders
from bot.faces.telegram.flood_gate import GUARD_KEY
from bot.model.clock import Clock
from bot.runtime import open_runtime
from bot.settings import Settings

log = logging.getLogger(__name__)

COMMANDS = [
    ("start", "Welcome and main menu"),
    ("exercises", "Exercises by goal"),
    ("session", "Today's 15-20 minute session"),
    ("settings", "Your goal and level"),
    ("guide", "Your programme as a printable PDF"),
    ("remind", "Reminders for your sessions"),
    ("reminders", "Your reminders: pause, change, stop"),
    ("progress", "This week and your streak"),
    ("pain", "Pain check: is it safe to carry on?"),
    ("menu", "Main menu"),
    ("help", "What I can do"),
    ("privacy", "What I store about you"),
    ("my_data", "Send me my stored data"),
    ("delete_my_data", "Delete everything about me"),
]
BOOTSTRAP_RETRIES = -1
"""Keep retrying while Telegram is unreachable at start-up; a rejected token still stops at once."""


def build_application(
    settings: Settings,
    clock: Clock | None = None,
    database: str | None = None,
    content: Content | None = None,
    request: BaseRequest | None = None,
    rate_limited: bool = True,
) -> Application:
    """The Application with handlers in order: buttons, text (commands too), everything else.

    `request` replaces HTTP for every Bot API call (benchmarks); `rate_limited=False` drops the
    30-messages-a-second limiter, for measuring the bot rather than the limiter.
    """
    token = settings.telegram_bot_token.get_secret_value()
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_base_url.replace("/bot", "/file/bot"))
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .post_init(lambda app: _start(app, settings, clock, database, content))
        .post_shutdown(_stop)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    if rate_limited:
        builder = builder.rate_limiter(rate_limiter())
    application = builder.build()
    application.add_handler(CallbackQueryHandler(handlers.on_button))
    application.add_handler(MessageHandler(filters.TEXT, handlers.on_text))
    application.add_handler(MessageHandler(filters.ALL, handlers.on_other))
    application.add_error_handler(handlers.on_error)
    return application


async def _start(
    application: Application,
    settings: Settings,
    clock: Clock | None,
    database: str | None,
    content: Content | None,
) -> None:
    runtime = await open_runtime(settings, clock=clock, content=content, database=database)
    application.bot_data["runtime"] = runtime
    # Handlers and reminders get the observed assistant: counted, and swapped on SIGHUP.
    operations = application.bot_data["operations"] = observability.install(
        application, settings, runtime
    )
    application.bot_data["assistant"] = operations.observed
    application.bot_data[GUARD_KEY] = FloodGuard()
    application.bot_data["reminders"] = await start_reminders(
        application, operations.observed, settings.reminder_tick_seconds
    )
    operations.observe_reminders(application.bot_data["reminders"])
    try:
        await application.bot.set_my_commands([BotCommand(n, d) for n, d in COMMANDS])
    except Exception:  # noqa: BLE001 - a missing menu is cosmetic; the bot still works
        log.warning("could not set the command menu", exc_info=True)


async def _stop(application: Application) -> None:
    operations = application.bot_data.pop("operations", None)
    if operations is not None:
        await operations.close()
    runtime = application.bot_data.pop("runtime", None)
    if runtime is not None:
        await runtime.close()


def run_telegram(settings: Settings, content: Content | None = None) -> int:
    """Receive updates (webhook if WEBHOOK_URL is set, else polling) until SIGINT/SIGTERM.

    On a stop signal python-telegram-bot stops fetching, lets the update being handled finish
    (its sends included), then runs post_shutdown, which closes the database. 0 on a clean stop.
    """
    application = build_application(settings, content=content)
    if settings.webhook_url:
        log.info(
            "starting the bot (webhook %s, listening on %s:%d)",
            settings.webhook_url,
            settings.webhook_listen,
            settings.webhook_port,
        )
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=settings.webhook_path,
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret.get_secret_value(),
            allowed_updates=Update.ALL_TYPES,
            bootstrap_retries=BOOTSTRAP_RETRIES,
        )
    else:
        log.info("starting the bot (polling)")
        # Errors while fetching updates (a second poller's Conflict) reach handlers.on_error.
        application.run_polling(
            allowed_updates=Update.ALL_TYPES, bootstrap_retries=BOOTSTRAP_RETRIES
        )
    log.info("stopped cleanly")
    return 0
