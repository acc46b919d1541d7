"""Run the real python-telegram-bot Application against the fake Bot API, inside a test."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from pathlib import Path

from telegram.error import TelegramError

from bot.faces.telegram.app import build_application
from bot.model.clock import Clock
from bot.settings import Settings
from harness.fake_bot_api import FakeBotAPI
from harness.warm_cache import place_build_cache


def bot_settings(api: FakeBotAPI, database: Path, **overrides) -> Settings:
    """Settings for a bot on `database`, whose content's build cache is already beside it."""
    place_build_cache(database)
    return Settings(
        _env_file=None,
        telegram_bot_token=api.token,
        telegram_api_base_url=api.base_url,
        database_url=f"sqlite:///{database}",
        **({"metrics_port": 0} | overrides),  # no shared port between tests
    )


@asynccontextmanager
async def running_bot(settings: Settings, clock: Clock | None = None):
    """Start polling exactly as `run_polling` would (post_init included), stop cleanly after."""
    application = build_application(settings, clock=clock)

    def to_error_handlers(error: TelegramError) -> None:
        # What run_polling does with errors while fetching updates (a Conflict, for instance).
        application.create_task(application.process_error(error=error, update=None))

    async with application:
        await application.post_init(application)
        await application.updater.start_polling(
            poll_interval=0.0, timeout=1, error_callback=to_error_handlers
        )
        await application.start()
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
            await application.post_shutdown(application)


async def wait_messages(api: FakeBotAPI, count: int, chat_id: int | None = None) -> list[dict]:
    return await asyncio.to_thread(api.wait_for_messages, count, chat_id)
