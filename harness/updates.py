"""Telegram updates as the Bot API sends them, for tests and benchmarks that post or queue them."""

from __future__ import annotations

import time


def message_update(
    update_id: int,
    user_id: int,
    text: str,
    message_id: int | None = None,
    first_name: str = "Test",
    command: bool = False,
) -> dict:
    """A private text message from `user_id`; `command` marks the whole text as a bot command."""
    message = {
        "message_id": update_id if message_id is None else message_id,
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private", "first_name": first_name},
        "from": {"id": user_id, "is_bot": False, "first_name": first_name},
        "text": text,
    }
    if command:
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": message}


def button_update(update_id: int, user_id: int, data: str, message_id: int = 1) -> dict:
    """A press of an inline button with callback `data` under one of the bot's messages."""
    chat = {"id": user_id, "type": "private", "first_name": "Test"}
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"cb{update_id}",
            "from": {"id": user_id, "is_bot": False, "first_name": "Test"},
            "chat_instance": "ci",
            "data": data,
            "message": {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": chat,
                "from": {"id": 1, "is_bot": True, "first_name": "Bot"},
                "text": "…",
            },
        },
    }
