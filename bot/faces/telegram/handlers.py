"""Telegram handlers: translate updates into brain calls and brain replies into messages."""

from __future__ import annotations

import logging
import warnings

from telegram import Chat, InputFile, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes
from telegram.warnings import PTBUserWarning

from bot.brain.assistant import Assistant
from bot.faces.telegram.callbacks import decode
from bot.faces.telegram.flood_gate import admitted
from bot.faces.telegram.media import fits_caption, send_picture, start_timer
from bot.faces.telegram.polling_errors import report_polling_error
from bot.faces.telegram.render import messages
from bot.model.reply import Reply

log = logging.getLogger(__name__)

DO_API_REQUEST_HINT = r"Please use 'Bot\.sendMessage'"
"""PTB's suggestion, once per `do_api_request("sendMessage")`, to call `send_message` instead:
`send_without_reading` does so on purpose (see there). Only that suggestion is silenced."""
warnings.filterwarnings("ignore", message=DO_API_REQUEST_HINT, category=PTBUserWarning)


def _assistant(context: ContextTypes.DEFAULT_TYPE) -> Assistant:
    return context.application.bot_data["assistant"]


async def send_reply(bot, chat_id: int, reply: Reply) -> None:
    """Send a reply (and any follow-ups) to a chat: its picture first, carrying the text as
    caption when it fits in one; a hold timer edits the last message when its time is up."""
    outgoing = messages(reply)
    if reply.picture is not None:
        caption = outgoing[0] if len(outgoing) == 1 and fits_caption(outgoing[0].html) else None
        if caption is not None:
            await send_picture(bot, chat_id, reply.picture, caption.html, caption.keyboard)
            outgoing = []
        else:
            await send_picture(bot, chat_id, reply.picture)
    last = None
    for message in outgoing:
        last = await bot.send_message(chat_id, message.html, reply_markup=message.keyboard)
    if reply.timer is not None and last is not None:
        done = Reply(reply.kind, reply.timer.done, buttons=reply.timer.buttons)
        (finished,) = messages(done)
        start_timer(bot, last, reply.timer, finished.html, finished.keyboard)
    if reply.document:
        await bot.send_document(
            chat_id,
            InputFile(reply.document.data, filename=reply.document.filename),
            caption=reply.document.caption or None,
        )
    for extra in reply.extra:
        await send_reply(bot, chat_id, extra)


async def send_without_reading(bot, chat_id: int, reply: Reply) -> None:
    """`send_reply` for a reply that is only text and buttons (a reminder), which nothing ever
    edits: the answer is not read into PTB objects (a Message with its chat, sender and echoed
    keyboard, built and thrown away: a tenth of a reminder's cost). Same requests, same rate
    limiter and SendGate, same errors raised; anything else goes through `send_reply`."""
    if reply.picture or reply.timer or reply.document or reply.extra:
        await send_reply(bot, chat_id, reply)
        return
    for message in messages(reply):
        await bot.do_api_request(
            "sendMessage",
            api_kwargs={
                "chat_id": chat_id,
                "text": message.html,
                "parse_mode": ParseMode.HTML,
                "reply_markup": message.keyboard.to_dict() if message.keyboard else None,
            },
        )


async def _private(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """True in a private chat. Anything personal (answers, exports, safety details, reminders)
    stays there: in a group or supergroup the bot says once, per chat and for good (the store
    remembers it across restarts), to message it privately, and does nothing else (anonymous
    admins, who all share one account, included); in a channel it says nothing."""
    chat: Chat | None = update.effective_chat
    if chat is None:
        return False
    if chat.type == ChatType.PRIVATE:
        return True
    if chat.type == ChatType.CHANNEL:
        return False  # channel posts are not for the bot; it never posts in channels
    user = update.effective_user
    notice = await _assistant(context).group_notice(chat.id, user.language_code if user else None)
    if notice is not None:
        await context.bot.send_message(chat.id, notice)
    return False


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text message, commands included, goes through the one pipeline."""
    message = update.effective_message
    user, chat = update.effective_user, update.effective_chat
    if message is None or user is None or chat is None:
        return
    if not await _private(update, context):
        return
    if not await admitted(context, user.id, chat.id, message.text or "", update):
        return
    reply = await _assistant(context).reply(
        user.id, message.text or "", chat_id=chat.id, language_code=user.language_code
    )
    await send_reply(context.bot, chat.id, reply)


async def on_other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Photos, stickers, voice: say plainly that only text is understood."""
    user, chat = update.effective_user, update.effective_chat
    if chat is None or not await _private(update, context):
        return
    if user is not None and not await admitted(context, user.id, chat.id, update=update):
        return
    language = user.language_code if user else None
    general = _assistant(context).content_in(language).messages.general
    await context.bot.send_message(chat.id, general.unsupported_message)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button press: answer the query so the spinner stops, then do the press's work.

    Answering fails when the press is old ("query is too old": after a restart or a stall);
    the spinner is then gone anyway, and the press is still done."""
    query = update.callback_query
    user, chat = update.effective_user, update.effective_chat
    if query is None or user is None:
        return
    try:
        await query.answer()
    except TelegramError as error:
        log.info("could not answer a button press (%s); doing its work anyway", error)
    if chat is None or not await _private(update, context):
        return
    if not await admitted(context, user.id, chat.id, update=update):
        return
    assistant = _assistant(context)
    action = decode(query.data)
    if action is None:
        reply = assistant.expired(user.language_code)
    else:
        reply = await assistant.press(
            user.id, action, chat_id=chat.id, language_code=user.language_code
        )
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
