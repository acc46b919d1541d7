"""A keyed hash of a user id: lets erasure find a user's anonymous rows without storing who."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from bot.store.db import Database

KEY_NAME = "author_hmac"


async def author_tag(db: Database, user_id: int) -> str:
    """HMAC-SHA256 of the user id under a random key kept in the database (made on first use).

    Without the key the tag cannot be turned back into a user id by trying every id."""
    key = await _key(db)
    return hmac.new(key, str(user_id).encode(), hashlib.sha256).hexdigest()[:32]


async def _key(db: Database) -> bytes:
    cached = getattr(db, "_author_key", None)
    if cached is not None:
        return cached
    row = await db.fetchone("SELECT value FROM store_keys WHERE name = ?", (KEY_NAME,))
    if row is None:
        await db.write(
            "INSERT INTO store_keys (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (KEY_NAME, secrets.token_bytes(32)),
        )
        row = await db.fetchone("SELECT value FROM store_keys WHERE name = ?", (KEY_NAME,))
    db._author_key = bytes(row["value"])
    return db._author_key
