"""What the log says when fetching updates fails (python-telegram-bot retries with back-off)."""

from __future__ import annotations

import logging

from telegram.error import Conflict, NetworkError, TelegramError

log = logging.getLogger(__name__)

CONFLICT_EXPLANATION = (
    "Telegram refused to hand out updates: another program is using this bot token right now "
    "(a second copy of this bot, an old container or service still running, or a webhook set "
    "by another deployment). Only one instance may receive updates per token. Stop the other "
    "one, or give each deployment its own bot token from @BotFather. This instance keeps "
    "retrying and takes over as soon as the other one stops. (Telegram said: %s)"
)


def report_polling_error(error: TelegramError) -> None:
    """An error callback for `run_polling`: explains the error in one line, without a traceback."""
    if isinstance(error, Conflict):
        log.error(CONFLICT_EXPLANATION, error.message)
    elif isinstance(error, NetworkError):
        log.warning("cannot reach Telegram (%s); retrying", error.message)
    else:
        log.error("fetching updates failed (%s); retrying", error.message)
