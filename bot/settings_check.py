"""Reading the settings without a traceback: each problem one line naming the setting, and a
warning for names that look like misspellings of real settings (they would be ignored)."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from pathlib import Path

from bot.settings import Settings, redacted


class SettingsProblem(Exception):
    """The settings cannot be used; `lines` are what to print, one problem per line."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


def known_names() -> set[str]:
    return {name.upper() for name in Settings._fields}


def load_settings() -> Settings:
    """Settings from the environment and ./.env, or SettingsProblem."""
    try:
        return Settings()
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsProblem([f"Settings file .env cannot be read: {error}"]) from error
    except ValueError as error:  # pydantic's ValidationError is one; pydantic is loaded by now
        from pydantic import ValidationError

        if not isinstance(error, ValidationError):
            raise
        raise SettingsProblem([_describe(problem) for problem in error.errors()]) from error


def _describe(problem: dict) -> str:
    name = ".".join(str(part) for part in problem["loc"]).upper()
    message = problem["msg"].removeprefix("Value error, ")
    value = problem.get("input")
    if name == "DATABASE_URL" and isinstance(value, str):
        value = redacted(value)  # a PostgreSQL URL carries a password
    shown = f" (got {value!r})" if name and isinstance(value, str | int | float) else ""
    # Model-level checks (WEBHOOK_URL with WEBHOOK_SECRET) name their settings in the message.
    return f"Setting {name}: {message}{shown}" if name else f"Settings: {message}"


def misspellings(names: Iterable[str], known: set[str] | None = None) -> list[str]:
    """One warning per name that is not a setting but is close to one ("ADMIN_USERS_IDS")."""
    known = known or known_names()
    warnings = []
    for name in sorted({name.upper() for name in names} - known):
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.85)
        if close:
            warnings.append(f"unknown setting {name} is ignored; did you mean {close[0]}?")
    return warnings


def configured_names(env_file: Path = Path(".env")) -> list[str]:
    """Every name set in the environment or in .env."""
    names = list(os.environ)
    if env_file.is_file():
        from dotenv import dotenv_values  # pydantic-settings' own .env reader

        names += [name for name in dotenv_values(env_file) if name]
    return names
