"""Builds the brain from settings: content, store, clock. Shared by every face and command."""

from __future__ import annotations

from dataclasses import dataclass

from bot.brain.assistant import Assistant
from bot.brain.build_cache import cache_folder, load_built_library
from bot.brain.services import BrainConfig
from bot.content.loader import Content
from bot.model.clock import Clock, SystemClock
from bot.settings import Settings
from bot.store import Store
from bot.store.pace import SendPace


def brain_config(settings: Settings) -> BrainConfig:
    return BrainConfig(
        emergency_number=settings.emergency_number,
        default_timezone=settings.default_timezone,
        default_language=settings.default_language,
        store_safety_text=settings.store_safety_text,
        reminder_grace_hours=settings.reminder_grace_hours,
        admin_user_ids=frozenset(settings.admin_user_ids),
    )


@dataclass
class Runtime:
    settings: Settings
    content: Content
    store: Store
    assistant: Assistant

    @property
    def send_pace(self) -> SendPace | None:
        """The send clock instances share (PostgreSQL), or None: this process alone sends."""
        return self.store.pace

    async def close(self) -> None:
        await self.store.close()


async def open_runtime(
    settings: Settings,
    clock: Clock | None = None,
    content: Content | dict[str, Content] | None = None,
    database: str | None = None,
) -> Runtime:
    """Load content (raises ContentError), open the database (migrating it) and build the brain."""
    database = database or settings.database_path
    content = content or load_built_library(settings.knowledge_dir, cache_folder(database))
    store = await Store.open(database)
    try:
        assistant = Assistant(content, store, clock or SystemClock(), brain_config(settings))
    except BaseException:
        await store.close()  # its thread would otherwise keep the process alive
        raise
    return Runtime(settings, assistant.content, store, assistant)
