"""Logging set-up: one format on stderr, and secrets (the bot token) redacted from every line.

The token is part of every Bot API URL, so httpx request lines and network error messages would
otherwise carry it into log files, journald and bug reports.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

from bot.settings import Settings

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[redacted]"
# Loggers that repeat every HTTP request or job run: useful when debugging, noise otherwise.
CHATTY_LOGGERS = ("httpx", "httpcore", "apscheduler")
# aiosqlite logs every statement with its parameters at DEBUG: user data has no place in logs.
NEVER_DEBUG_LOGGERS = ("aiosqlite",)


class SecretRedactor(logging.Filter):
    """Replaces each secret in the rendered message and traceback with "[redacted]"."""

    def __init__(self, secrets: Iterable[str]):
        super().__init__()
        self.secrets = [secret for secret in secrets if secret]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self.secrets):
            record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text when it is set, so the traceback is redacted once, here.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text


def secrets_of(settings: Settings) -> list[str]:
    return [
        secret.get_secret_value()
        for secret in (settings.telegram_bot_token, settings.webhook_secret)
        if secret is not None
    ]


def configure_logging(settings: Settings) -> None:
    """Log to stderr at LOG_LEVEL (as text or JSON lines) with secrets redacted; chatty HTTP
    loggers only at DEBUG."""
    logging.basicConfig(level=settings.log_level, format=FORMAT, stream=sys.stderr, force=True)
    redactor = SecretRedactor(secrets_of(settings))
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
        if settings.log_format == "json":
            from bot.operations.json_logs import JsonFormatter

            handler.setFormatter(JsonFormatter())
    chatty_level = logging.DEBUG if settings.log_level == "DEBUG" else logging.WARNING
    for name in CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(chatty_level)
    for name in NEVER_DEBUG_LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO)
