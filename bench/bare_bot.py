"""The baseline: a bare python-telegram-bot Application (one echo handler, polling), started the
way the bot is, from the same environment variables."""

import os

from telegram.ext import ApplicationBuilder, MessageHandler, filters


async def echo(update, context) -> None:
    await update.effective_message.reply_text(update.effective_message.text or "")


if __name__ == "__main__":
    application = (
        ApplicationBuilder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["TELEGRAM_API_BASE_URL"])
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.run_polling()
