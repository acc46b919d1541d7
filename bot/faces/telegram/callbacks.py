"""The one place button data is produced and parsed: "v1|name|arg", at most 64 bytes.

Anything else (data from an old version, forged, truncated) parses to None, and the bot answers
"this button has expired" instead of raising.
"""

from __future__ import annotations

import re

from bot.model.reply import Action

VERSION = "v1"
MAX_BYTES = 64
_NAME = re.compile(r"^[a-z_]{1,20}$")
_ARG = re.compile(r"^[A-Za-z0-9_.:,+\-]{0,40}$")


class CallbackTooLong(ValueError):
    """An action that cannot fit in Telegram's 64-byte callback_data: a content or code bug."""


def encode(action: Action) -> str:
    data = f"{VERSION}|{action.name}|{action.arg}"
    if len(data.encode("utf-8")) > MAX_BYTES:
        raise CallbackTooLong(f"callback data over {MAX_BYTES} bytes: {data!r}")
    if not _NAME.match(action.name) or not _ARG.match(action.arg):
        raise ValueError(f"action cannot be encoded safely: {action!r}")
    return data


def decode(data: object) -> Action | None:
    if not isinstance(data, str) or len(data.encode("utf-8", "replace")) > MAX_BYTES:
        return None
    parts = data.split("|")
    if len(parts) != 3 or parts[0] != VERSION:
        return None
    _, name, arg = parts
    if not _NAME.match(name) or not _ARG.match(arg):
        return None
    return Action(name, arg)
