"""Applies the per-user flood guard to incoming updates, before the brain sees them."""

from __future__ import annotations

from html import escape

from telegram.ext import ContextTypes

from bot.brain.assistant import Assistant
from bot.brain.operator.flood import Admission, FloodGuard
from bot.language.text import MAX_INPUT_CHARS
from bot.model.tiers import HOLD_TIERS

GUARD_KEY = "flood_guard"


async def admitted(
    context: ContextTypes.DEFAULT_TYPE, user_id: int, chat_id: int, text: str = ""
) -> bool:
    """True when this update should be answered; sends the slow-down notice once per flood."""
    assistant: Assistant = context.bot_data["assistant"]
    guard: FloodGuard = context.bot_data[GUARD_KEY]
    admission = guard.admit(user_id, assistant.services.clock.now())
    if admission is Admission.ANSWER:
        return True
    # Someone describing an emergency is answered even mid-flood: silence could cost a life.
    if text and assistant.services.triage.assess(text[:MAX_INPUT_CHARS]).tier in HOLD_TIERS:
        return True
    if admission is Admission.WARN:
        notice = assistant.content.messages.flood.slow_down
        await context.bot.send_message(chat_id, escape(notice))
    return False
