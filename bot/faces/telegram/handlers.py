"""Telegram handlers: translate updates into brain calls and brain replies into messages."""

from __future__ import annotations

import logging

from telegram import InputFile, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.brain.assistant import Assistant
from bot.faces.telegram.callbacks import decode
from bot.faces.telegram.flood_gate import admitted
from bot.faces.telegram.polling_errors import report_polling_error
from bot.faces.telegram.render import messages
from bot.model.reply import Reply

log = logging.getLogger(__name__)


def _assistant(context: ContextTypes.DEFAULT_TYPE) -> Assistant:
    return context.application.bot_data["assistant"]


async def send_reply(bot, chat_id: int, reply: Reply) -> None:
    """Send a reply (and any follow-ups) to a chat."""
    for outgoing in messages(reply):
        await bot.send_message(chat_id, outgoing.html, reply_markup=outgoing.keyboard)
    if reply.document:
        await bot.send_document(
            chat_id,
            InputFile(reply.document.data, filename=reply.document.filename),
            caption=reply.document.caption or None,
        )
    for extra in reply.extra:
        await send_reply(bot, chat_id, extra)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text message, commands included, goes through the one pipeline."""
    message = update.effective_message
    user, chat = update.effective_user, update.effective_chat
    if message is None or user is None or chat is None:
        return
    if not await admitted(context, user.id, chat.id, message.text or ""):
        return
    reply = await _assistant(context).reply(user.id, message.text or "", chat_id=chat.id)
    await send_reply(context.bot, chat.id, reply)


async def on_other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Photos, stickers, voice: say plainly that only text is understood."""
    user, chat = update.effective_user, update.effective_chat
    if chat is None or (user is not None and not await admitted(context, user.id, chat.id)):
        return
    general = _assistant(context).content.messages.general
    await context.bot.send_message(chat.id, general.unsupported_message)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button press: decode, ask the brain, answer the query so the spinner stops."""
    query = update.callback_query
    user, chat = update.effective_user, update.effective_chat
    if query is None or user is None:
        return
    await query.answer()
    if chat is None or not await admitted(context, user.id, chat.id):
        return
    assistant = _assistant(context)
    action = decode(query.data)
    if action is None:
        reply = assistant.expired()
    else:
        reply = await assistant.press(user.id, action, chat_id=chat.id)
    await send_reply(context.bot, chat.id, reply)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure and tell the user politely; never let an error stay silent."""
    if update is None and context.job is None and isinstance(context.error, TelegramError):
        report_polling_error(context.error)  # fetching updates failed; polling retries by itself
        return
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        general = _assistant(context).content.messages.general
        try:
            await context.bot.send_message(update.effective_chat.id, general.error)
        except Exception:  # noqa: BLE001 - the apology itself failed; the log already has it
            log.warning("could not send the error apology", exc_info=True)
