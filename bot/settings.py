"""Configuration from the environment and `.env` (the environment wins)."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.content.record import Field, Record, field_validator, model_validator

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
WEBHOOK_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,256}$")
"""Telegram allows 1-256 of these characters; fewer than 16 would be guessable."""


class SecretStr:
    """A secret setting: shown as stars, read with get_secret_value() (as pydantic's SecretStr,
    which validates it)."""

    __slots__ = ("_secret",)
    _pydantic_type = "SecretStr"

    def __init__(self, secret: str) -> None:
        self._secret = secret

    def get_secret_value(self) -> str:
        return self._secret

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SecretStr) and other._secret == self._secret

    def __hash__(self) -> int:
        return hash(self._secret)

    def __len__(self) -> int:
        return len(self._secret)

    def __str__(self) -> str:
        return "**********" if self._secret else ""

    def __repr__(self) -> str:
        return f"SecretStr({str(self)!r})"


class Settings(Record):
    """Every setting the bot reads; `.env.example` documents each one.

    Read from keyword arguments, then the environment, then `.env` (names in any case), as
    pydantic-settings did: bot/settings_values.py reads them, and pydantic validates them only
    when a value is not plainly right, so a start with good settings never loads pydantic."""

    def __init__(self, _env_file: Path | str | None = ".env", **values: object) -> None:
        from bot.settings_values import read

        read(self, values, _env_file)

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    database_url: str = "sqlite:///data/bot.sqlite3"
    default_timezone: str = "Europe/Oslo"
    log_level: str = "INFO"
    knowledge_dir: Path = Field(default_factory=lambda: shipped_knowledge())
    emergency_number: str = "112"
    default_language: str = Field(default="en", pattern=r"^[a-z]{2,3}$")
    """For users whose Telegram app language and first message tell nothing (a folder of
    knowledge/)."""
    reminder_grace_hours: float = Field(default=2.0, ge=0, le=48)
    reminder_tick_seconds: float = Field(default=20.0, gt=0, le=30)
    store_safety_text: bool = False
    # Plain comma-separated text: `ADMIN_USER_IDS=` or `1,2` (what .env.example shows).
    admin_user_ids: list[int] = Field(default_factory=list)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    metrics_port: int = Field(default=9090, ge=0, le=65535)
    metrics_listen: str = "127.0.0.1"
    log_format: str = "text"

    @field_validator("telegram_bot_token", "webhook_secret", "webhook_url", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("admin_user_ids", mode="before")
    @classmethod
    def _comma_separated_ids(cls, value: object) -> object:
        if isinstance(value, int):
            return [value]
        if isinstance(value, str):
            parts = [part for part in value.replace(" ", "").split(",") if part]
            if not all(part.lstrip("-").isdigit() for part in parts):
                raise ValueError(
                    f"{value!r} is not a comma-separated list of numeric Telegram user ids "
                    "(e.g. 111,222; empty for none)"
                )
            return [int(part) for part in parts]
        return value

    @field_validator("knowledge_dir")
    @classmethod
    def _relative_to_working_dir(cls, value: Path) -> Path:
        return value if value.is_absolute() else Path.cwd() / value

    @field_validator("log_format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        if value.lower() not in ("text", "json"):
            raise ValueError(f"unknown log format {value!r}; use text or json")
        return value.lower()

    @field_validator("default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(
                f"unknown timezone {value!r}; use an IANA name such as Europe/Oslo"
            ) from error
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if not isinstance(logging.getLevelName(level), int):
            raise ValueError(f"unknown log level {value!r}; use DEBUG, INFO, WARNING or ERROR")
        return level

    @field_validator("database_url")
    @classmethod
    def _supported_url(cls, value: str) -> str:
        database_path(value)
        return value

    @model_validator(mode="after")
    def _webhook_is_protected(self) -> Settings:
        if self.webhook_url is None:
            return self
        address = urlsplit(self.webhook_url)
        if address.scheme != "https" or not address.netloc:
            raise ValueError(
                f"WEBHOOK_URL {self.webhook_url!r} must be a public https:// address "
                "(Telegram only posts to HTTPS; your reverse proxy terminates TLS)"
            )
        secret = self.webhook_secret.get_secret_value() if self.webhook_secret else ""
        if not WEBHOOK_SECRET_PATTERN.match(secret):
            raise ValueError(
                "WEBHOOK_SECRET must be set when WEBHOOK_URL is: 16-256 characters from A-Z, a-z, "
                "0-9, _ and -. Generate one with: "
                "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        return self

    @property
    def webhook_path(self) -> str:
        """The path of WEBHOOK_URL, where the bot's own web server listens for Telegram."""
        return urlsplit(self.webhook_url or "").path.strip("/")

    @property
    def database_path(self) -> Path | str:
        return database_path(self.database_url)

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.default_timezone)


def shipped_knowledge() -> Path:
    """knowledge/ of the checkout, else the copy a wheel ships inside the package."""
    checkout = PROJECT_ROOT / "knowledge"
    return checkout if (checkout / "en" / "faq.yaml").is_file() else PACKAGE_DIR / "knowledge"


def data_root() -> Path:
    """Where relative data paths start: systemd's $STATE_DIRECTORY, else the working directory.

    Never the package folder: an installed bot would write its database into site-packages.
    """
    state = os.environ.get("STATE_DIRECTORY", "").split(":")[0]
    return Path(state) if state else Path.cwd()


def database_path(url: str) -> Path | str:
    """`sqlite:///relative/path`, `sqlite:////absolute/path` or `sqlite:///:memory:` as a path;
    a `postgresql://user:password@host:port/database` URL as it is."""
    if url.startswith(("postgresql://", "postgres://")):
        address = urlsplit(url)
        if not address.hostname and "host=" not in address.query:
            raise ValueError(
                f"DATABASE_URL {redacted(url)!r} names no host; "
                "use postgresql://user:password@host:5432/database"
            )
        return url
    prefix = "sqlite:///"
    if not url.startswith(prefix) or len(url) == len(prefix):
        raise ValueError(
            f"DATABASE_URL {redacted(url)!r} is not supported; use "
            "sqlite:///relative/path.sqlite3, sqlite:////absolute/path.sqlite3 or "
            "postgresql://user:password@host:5432/database"
        )
    rest = url[len(prefix) :]
    if rest == ":memory:":
        return rest
    path = Path(rest)
    return path if path.is_absolute() else data_root() / path


def redacted(url: str) -> str:
    """The URL with any password replaced, for messages and logs."""
    address = urlsplit(url)
    if not address.password:
        return url
    netloc = address.netloc.replace(f":{address.password}@", ":***@", 1)
    return address._replace(netloc=netloc).geturl()
