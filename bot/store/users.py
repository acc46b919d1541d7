"""Users: profile, conversation step and per-exercise progression.

Saving is optimistic: a row carries a version, raised on every save, and a save whose state was
loaded at another version is refused with StaleState (another instance saved this user in the
meantime). The brain then runs the turn again on the fresh state, so no update is lost.
"""

from __future__ import annotations

import json
from datetime import datetime

from bot.model.user import UserState
from bot.store.authors import author_tag
from bot.store.coaching import record_level_changes
from bot.store.db import Database
from bot.store.escalations import record_made
from bot.store.learning import record_feedback, record_misses
from bot.store.ownership import SchemaMap, read_schema


class StaleState(Exception):
    """The user's row changed (or appeared, or was erased) since this state was loaded."""

    def __init__(self, user_id: int):
        self.user_id = user_id
        super().__init__(f"user {user_id} was saved by someone else since it was loaded")


class UserRepository:
    def __init__(self, db: Database):
        self._db = db
        self._schema: SchemaMap | None = None

    async def schema(self) -> SchemaMap:
        """Which tables hold rows about a user (read once: migrations run before any use)."""
        if self._schema is None:
            self._schema = await read_schema(self._db)
        return self._schema

    async def load(self, user_id: int, chat_id: int = 0) -> UserState:
        """The stored state, or a fresh one (not yet saved) for a new user."""
        stages = self._db.json_object("exercise_id", "stage")
        row = await self._db.fetchone(
            f"SELECT users.*, (SELECT {stages} FROM exercise_stages "
            "WHERE exercise_stages.user_id = users.user_id) AS stages "
            "FROM users WHERE user_id = ?",
            (user_id,),
        )
        if row is None:
            return UserState(user_id=user_id, chat_id=chat_id, is_new=True)
        stages = json.loads(row["stages"] or "{}")
        return UserState(
            user_id=user_id,
            chat_id=chat_id or row["chat_id"],
            goal=row["goal"],
            level=row["level"],
            onboarded=bool(row["onboarded"]),
            timezone=row["timezone"],
            safety_hold=row["safety_hold"],
            last_product_at=_parse_time(row["last_product_at"]),
            pending=row["pending"],
            pending_data=json.loads(row["pending_data"] or "{}"),
            language=row["language"],
            stages=stages,
            stored_stages=dict(stages),
            version=row["version"],
        )

    async def save(self, state: UserState, now: datetime) -> None:
        """Write the state and what its turn recorded (escalations, unanswered questions,
        feedback, level changes) in one transaction; StaleState (nothing written) if the row is
        not at the version it was loaded at."""
        stamp = now.isoformat()
        profile = (
            state.chat_id,
            state.goal,
            state.level,
            int(state.onboarded),
            state.timezone,
            state.safety_hold,
            state.last_product_at.isoformat() if state.last_product_at else None,
            state.pending,
            json.dumps(state.pending_data),
            state.language,
        )
        stages = {exercise: stage for exercise, stage in state.stages.items() if stage}
        if stages == state.stored_stages and not state.has_records():
            # Most turns leave the stages alone and record nothing else: one statement, atomic
            # by itself (no transaction, no lock held across several round trips).
            rows = await self._db.write(*_profile_statement(state, profile, stamp))
        else:
            tag = await author_tag(self._db, state.user_id) if state.misses else None
            async with self._db.transaction() as db:
                rows = await db.fetchall(*_profile_statement(state, profile, stamp))
                if rows and stages != state.stored_stages:
                    await db.execute(
                        "DELETE FROM exercise_stages WHERE user_id = ?", (state.user_id,)
                    )
                    await db.executemany(
                        "INSERT INTO exercise_stages (user_id, exercise_id, stage) "
                        "VALUES (?, ?, ?)",
                        [(state.user_id, exercise, stage) for exercise, stage in stages.items()],
                    )
                if rows:
                    await record_made(db, state.user_id, state.escalations)
                    await record_level_changes(db, state.user_id, state.level_changes)
                    await record_misses(db, tag, state.misses)
                    await record_feedback(db, state.feedback)
        if not rows:
            raise StaleState(state.user_id)
        state.clear_records()
        state.version = rows[0]["version"]
        state.stored_stages = stages
        state.is_new = False

    async def delete_everything(self, user_id: int) -> None:
        """Erase every row about this user, in every table that has one."""
        owned = (await self.schema()).owned
        tag = await author_tag(self._db, user_id)
        async with self._db.transaction() as db:
            for table in owned:
                await db.execute(f'DELETE FROM "{table.name}" WHERE {table.condition}', (user_id,))
            await db.execute("DELETE FROM unanswered WHERE author = ?", (tag,))
        await self._db.scrub()

    async def export(self, user_id: int) -> dict[str, list[dict]]:
        """Every stored row about this user, table by table."""
        data: dict[str, list[dict]] = {}
        for table in sorted((await self.schema()).owned, key=lambda table: table.name):
            rows = await self._db.fetchall(
                f'SELECT * FROM "{table.name}" WHERE {table.condition}', (user_id,)
            )
            data[table.name] = [dict(row) for row in rows]
        return data

    async def count(self) -> int:
        row = await self._db.fetchone("SELECT COUNT(*) FROM users")
        return row[0]


def _profile_statement(state: UserState, profile: tuple, stamp: str) -> tuple[str, tuple]:
    """The users row written at the version it was loaded at; RETURNING nothing if it was not."""
    if state.version == 0:  # never stored: a row that appeared meanwhile is newer
        return (
            "INSERT INTO users (chat_id, goal, level, onboarded, timezone, safety_hold, "
            "last_product_at, pending, pending_data, language, user_id, created_at, "
            "updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) "
            "ON CONFLICT (user_id) DO NOTHING RETURNING version",
            (*profile, state.user_id, stamp, stamp),
        )
    return (
        "UPDATE users SET chat_id = ?, goal = ?, level = ?, onboarded = ?, "
        "timezone = ?, safety_hold = ?, last_product_at = ?, pending = ?, "
        "pending_data = ?, language = ?, updated_at = ?, version = version + 1 "
        "WHERE user_id = ? AND version = ? RETURNING version",
        (*profile, stamp, state.user_id, state.version),
    )


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
