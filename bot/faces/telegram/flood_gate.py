"""Applies the brain's per-user flood guard to incoming updates: counted when they arrive.

`at_arrival` runs in the update processor as each update comes in (before it waits behind the
same user's earlier updates); the handler later sends the slow-down notice if one is owed.
"""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import Application, ContextTypes

from bot.brain.assistant import Assistant

MAX_REMEMBERED = 10_000


def at_arrival(application: Application, update: object) -> bool:
    """Count the update against its user now; False means drop it without handling."""
    assistant: Assistant | None = application.bot_data.get("assistant")
    if not isinstance(update, Update) or assistant is None or update.effective_user is None:
        return True
    message = update.message
    text = message.text if message is not None and message.text else ""
    answer, notice = assistant.admit(update.effective_user.id, text[:4096])
    decisions: dict[int, tuple[bool, str | None]] = application.bot_data.setdefault(
        "admissions", {}
    )
    if len(decisions) > MAX_REMEMBERED:
        decisions.clear()
    if answer or notice:
        decisions[update.update_id] = (answer, notice)
        return True
    return False


async def admitted(
    context: ContextTypes.DEFAULT_TYPE,
    user_id: int,
    chat_id: int,
    text: str = "",
    update: Update | None = None,
) -> bool:
    """True when this update should be answered; sends the slow-down notice once per flood."""
    decisions = context.bot_data.get("admissions", {})
    decided = decisions.pop(update.update_id, None) if update is not None else None
    if decided is None:
        assistant: Assistant = context.bot_data["assistant"]
        decided = assistant.admit(user_id, text)
    answer, notice = decided
    if notice:
        await context.bot.send_message(chat_id, escape(notice))
    return answer
