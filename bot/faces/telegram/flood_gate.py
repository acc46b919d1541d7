"""Applies the brain's per-user flood guard to incoming updates, before they are answered."""

from __future__ import annotations

from html import escape

from telegram.ext import ContextTypes

from bot.brain.assistant import Assistant


async def admitted(
    context: ContextTypes.DEFAULT_TYPE, user_id: int, chat_id: int, text: str = ""
) -> bool:
    """True when this update should be answered; sends the slow-down notice once per flood."""
    assistant: Assistant = context.bot_data["assistant"]
    answer, notice = assistant.admit(user_id, text)
    if notice:
        await context.bot.send_message(chat_id, escape(notice))
    return answer
