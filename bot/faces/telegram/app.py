"""Composition root of the Telegram face: settings → Application with handlers and hooks."""

from __future__ import annotations

import asyncio
import logging
import signal

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

from bot.content.loader import Content
from bot.faces.telegram import handlers, observability
from bot.faces.telegram.delivery import SendGate, send_gate, start_reminders
from bot.faces.telegram.flood_gate import at_arrival
from bot.faces.telegram.updates import PerUserProcessor
from bot.faces.telegram.webhook import WebhookServer, telegram_route
from bot.model.clock import Clock
from bot.operations.collector import settle_long_lived
from bot.runtime import open_runtime
from bot.settings import Settings

log = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
"""What the handlers answer; Telegram is asked for nothing else (edits, channel posts, polls…)."""
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
    processor = PerUserProcessor()
    builder = builder.concurrent_updates(processor)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    # Always a SendGate (with PTB's limiter inside unless `rate_limited=False`): reminders are
    # claimed in it, right before their request leaves.
    builder = builder.rate_limiter(send_gate(rate_limited))
    application = builder.build()
    processor.arrival = lambda update: at_arrival(application, update)
    # New messages only: an edited message was answered when it was first sent, and channel
    # posts are not for the bot (allowed_updates asks Telegram for neither, see ALLOWED_UPDATES).
    new_messages = filters.UpdateType.MESSAGE
    application.add_handler(CallbackQueryHandler(handlers.on_button))
    application.add_handler(MessageHandler(new_messages & filters.TEXT, handlers.on_text))
    application.add_handler(MessageHandler(new_messages, handlers.on_other))
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
    gate = application.bot.rate_limiter
    if isinstance(gate, SendGate) and gate.limited:
        gate.pace = runtime.send_pace  # one overall rate across instances on one database
    # Handlers and reminders get the observed assistant: counted, and swapped on SIGHUP.
    operations = application.bot_data["operations"] = observability.install(
        application, settings, runtime
    )
    application.bot_data["assistant"] = operations.observed
    application.bot_data["reminders"] = await start_reminders(
        application, operations.observed, settings.reminder_tick_seconds
    )
    operations.observe_reminders(application.bot_data["reminders"])
    try:
        await _set_command_menus(application, runtime.assistant)
    except Exception:  # noqa: BLE001 - a missing menu is cosmetic; the bot still works
        log.warning("could not set the command menu", exc_info=True)
    settle_long_lived()  # all that lives as long as the process is built: frozen for the GC


async def _set_command_menus(application: Application, assistant) -> None:
    """The default language's menu for everyone, and each language's for apps set to it."""
    default = assistant.content.messages.command_menu
    await application.bot.set_my_commands([BotCommand(n, d) for n, d in default.items()])
    for content in assistant.languages.values():
        if content.language == assistant.default:
            continue
        menu = [BotCommand(n, d) for n, d in content.messages.command_menu.items()]
        for code in content.profile.telegram_codes:
            await application.bot.set_my_commands(menu, language_code=code)


async def _stop(application: Application) -> None:
    operations = application.bot_data.pop("operations", None)
    if operations is not None:
        await operations.close()
    runtime = application.bot_data.pop("runtime", None)
    if runtime is not None:
        await runtime.close()


async def _serve_webhook(application: Application, settings: Settings) -> None:
    """The order run_polling keeps (initialize, post_init, start … stop, post_shutdown), with
    updates coming from our own server (bot/faces/telegram/webhook.py) instead of polling."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with application:
        await application.post_init(application)
        server = WebhookServer()
        secret = settings.webhook_secret.get_secret_value()
        server.route("POST", settings.webhook_path, telegram_route(application, secret))
        application.bot_data["operations"].add_routes(server)
        listening = await server.start(settings.webhook_listen, settings.webhook_port)
        await application.bot.set_webhook(
            settings.webhook_url, secret_token=secret, allowed_updates=ALLOWED_UPDATES
        )
        await application.start()
        try:
            await stop.wait()
        finally:
            listening.close()
            await listening.wait_closed()
            await application.stop()
            await application.post_shutdown(application)


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
        asyncio.run(_serve_webhook(application, settings))
    else:
        log.info("starting the bot (polling)")
        # Errors while fetching updates (a second poller's Conflict) reach handlers.on_error.
        application.run_polling(
            allowed_updates=ALLOWED_UPDATES, bootstrap_retries=BOOTSTRAP_RETRIES
        )
    log.info("stopped cleanly")
    return 0
