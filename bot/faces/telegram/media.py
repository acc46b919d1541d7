"""Pictures and hold timers in Telegram.

A picture is uploaded once per bot: Telegram answers with a file id, and every later send of the
same picture (same key: same content) passes that id instead of the bytes.
"""

from __future__ import annotations

import asyncio
import logging
import re
import weakref
from html import unescape

from telegram import Bot, InlineKeyboardMarkup, InputFile, Message
from telegram.error import TelegramError

from bot.model.reply import Picture, Timer

log = logging.getLogger(__name__)

CAPTION_LIMIT = 1024
_TAG = re.compile(r"<[^>]+>")
_file_ids: weakref.WeakKeyDictionary[Bot, dict[str, str]] = weakref.WeakKeyDictionary()
_timers: set[asyncio.Task] = set()
"""Running countdowns, kept so they are not collected before they edit their message."""


def fits_caption(html: str) -> bool:
    """Telegram counts a caption's characters after the HTML is parsed."""
    return len(unescape(_TAG.sub("", html))) <= CAPTION_LIMIT


def cached_file_id(bot: Bot, key: str) -> str | None:
    return _file_ids.get(bot, {}).get(key)


async def send_picture(
    bot: Bot,
    chat_id: int,
    picture: Picture,
    caption: str | None = None,
    keyboard: InlineKeyboardMarkup | None = None,
) -> Message:
    known = _file_ids.setdefault(bot, {})
    media = known.get(picture.key) or InputFile(picture.data, filename=picture.filename)
    if picture.animated:
        message = await bot.send_animation(
            chat_id, media, caption=caption, reply_markup=keyboard, filename=picture.filename
        )
        sent = message.animation or message.document
        file_id = sent.file_id if sent else None
    else:
        message = await bot.send_photo(chat_id, media, caption=caption, reply_markup=keyboard)
        file_id = message.photo[-1].file_id if message.photo else None
    if file_id:
        known[picture.key] = file_id
    return message


def start_timer(
    bot: Bot, message: Message, timer: Timer, html: str, keyboard: InlineKeyboardMarkup | None
) -> None:
    """When the time is up, the countdown message says so (and offers what comes next)."""

    async def ring() -> None:
        await asyncio.sleep(timer.seconds)
        try:
            await bot.edit_message_text(
                html, chat_id=message.chat_id, message_id=message.message_id, reply_markup=keyboard
            )
        except TelegramError as error:  # the user deleted it, or the chat is gone
            log.info("could not edit a finished hold timer (%s)", error)

    task = asyncio.get_running_loop().create_task(ring())
    _timers.add(task)
    task.add_done_callback(_timers.discard)
