"""Composition root of the Telegram face: settings → Application with handlers and hooks."""

from __future__ import annotations

import logging

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    Defaults,
    MessageHandler,
    filters,
)

from bot.clock import Clock
from bot.runtime import open_runtime
from bot.settings import Settings
from bot.telegram import handlers

log = logging.getLogger(__name__)

COMMANDS = [
    ("start", "Welcome and main menu"),
    ("exercises", "Exercises by goal"),
    ("menu", "Main menu"),
    ("help", "What I can do"),
]


def build_application(
    settings: Settings, clock: Clock | None = None, database: str | None = None
) -> Application:
    """The Application with handlers in order: buttons, text (commands too), everything else."""
    token = settings.telegram_bot_token.get_secret_value()
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_base_url.replace("/bot", "/file/bot"))
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .rate_limiter(AIORateLimiter(max_retries=3))
        .post_init(lambda app: _start(app, settings, clock, database))
        .post_shutdown(_stop)
        .build()
    )
    application.add_handler(CallbackQueryHandler(handlers.on_button))
    application.add_handler(MessageHandler(filters.TEXT, handlers.on_text))
    application.add_handler(MessageHandler(filters.ALL, handlers.on_other))
    application.add_error_handler(handlers.on_error)
    return application


async def _start(
    application: Application, settings: Settings, clock: Clock | None, database: str | None
) -> None:
    runtime = await open_runtime(settings, clock=clock, database=database)
    application.bot_data["runtime"] = runtime
    application.bot_data["assistant"] = runtime.assistant
    try:
        await application.bot.set_my_commands([BotCommand(n, d) for n, d in COMMANDS])
    except Exception:  # noqa: BLE001 - a missing menu is cosmetic; the bot still works
        log.warning("could not set the command menu", exc_info=True)


async def _stop(application: Application) -> None:
    runtime = application.bot_data.pop("runtime", None)
    if runtime is not None:
        await runtime.close()


def run_telegram(settings: Settings) -> int:
    """Poll until SIGINT/SIGTERM, then close everything; 0 on a clean stop."""
    application = build_application(settings)
    log.info("starting the bot (polling)")
    application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0
