"""Group chats the bot has told to write to it privately: each group is told once, ever."""

from __future__ import annotations

from datetime import datetime

from bot.store.db import Database


class GroupRepository:
    def __init__(self, db: Database):
        self._db = db

    async def tell_once(self, chat_id: int, now: datetime) -> bool:
        """True the first time for this group (it should be told now), False ever after; one
        statement, so two instances never both tell it."""
        rows = await self._db.write(
            "INSERT INTO groups_told (chat_id, told_at) VALUES (?, ?) "
            "ON CONFLICT (chat_id) DO NOTHING RETURNING 1",
            (chat_id, now.isoformat()),
        )
        return bool(rows)
