"""Versioned SQLite schema. Append a migration to change it; never edit one that has shipped.

Every migration here has its PostgreSQL twin at the same number in `schema_postgres.py`
(tests/store/test_schema.py checks that both engines end with the same tables and columns)."""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: users, progression, learning from misses, escalations, reminders, sessions
    """
    CREATE TABLE users (
        user_id          INTEGER PRIMARY KEY,
        chat_id          INTEGER NOT NULL DEFAULT 0,
        goal             TEXT,
        level            TEXT NOT NULL DEFAULT 'beginner',
        onboarded        INTEGER NOT NULL DEFAULT 0,
        timezone         TEXT,
        safety_hold      TEXT,
        last_product_at  TEXT,
        pending          TEXT,
        pending_data     TEXT NOT NULL DEFAULT '{}',
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
    );
    CREATE TABLE exercise_stages (
        user_id      INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
        exercise_id  TEXT NOT NULL,
        stage        INTEGER NOT NULL,
        PRIMARY KEY (user_id, exercise_id)
    );
    CREATE TABLE unanswered (
        id          INTEGER PRIMARY KEY,
        created_at  TEXT NOT NULL,
        text        TEXT NOT NULL,
        outcome     TEXT NOT NULL,
        best_id     TEXT,
        score       REAL
    );
    CREATE INDEX unanswered_text ON unanswered(text);
    CREATE TABLE feedback (
        id          INTEGER PRIMARY KEY,
        created_at  TEXT NOT NULL,
        entry_id    TEXT NOT NULL,
        helpful     INTEGER NOT NULL
    );
    CREATE TABLE escalations (
        id          INTEGER PRIMARY KEY,
        created_at  TEXT NOT NULL,
        user_id     INTEGER,
        tier        TEXT NOT NULL,
        rule_id     TEXT,
        source      TEXT NOT NULL,
        text        TEXT
    );
    CREATE TABLE subscriptions (
        id            INTEGER PRIMARY KEY,
        user_id       INTEGER NOT NULL UNIQUE REFERENCES users(user_id) ON DELETE CASCADE,
        chat_id       INTEGER NOT NULL,
        days          TEXT NOT NULL,
        local_time    TEXT NOT NULL,
        timezone      TEXT NOT NULL,
        active        INTEGER NOT NULL DEFAULT 1,
        paused        INTEGER NOT NULL DEFAULT 0,
        next_due_utc  TEXT,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
    );
    CREATE INDEX subscriptions_due ON subscriptions(next_due_utc) WHERE active = 1 AND paused = 0;
    CREATE TABLE deliveries (
        subscription_id  INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
        local_slot       TEXT NOT NULL,
        due_utc          TEXT NOT NULL,
        status           TEXT NOT NULL,
        attempts         INTEGER NOT NULL DEFAULT 0,
        sent_at          TEXT,
        PRIMARY KEY (subscription_id, local_slot)
    );
    CREATE TABLE sessions_done (
        id          INTEGER PRIMARY KEY,
        user_id     INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
        local_date  TEXT NOT NULL,
        outcome     TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        UNIQUE (user_id, local_date, outcome)
    );
    """,
    # 2: level changes, so the coach can count painless sessions since the level last moved
    """
    CREATE TABLE level_changes (
        id          INTEGER PRIMARY KEY,
        user_id     INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
        level       TEXT NOT NULL,
        reason      TEXT NOT NULL,
        created_at  TEXT NOT NULL
    );
    CREATE INDEX level_changes_user ON level_changes(user_id, created_at);
    """,
    # 3: reminders keyed by local slot; deferred retries, error notes; the weekly summary switch
    """
    ALTER TABLE subscriptions ADD COLUMN next_slot TEXT;
    ALTER TABLE subscriptions ADD COLUMN weekly_summary INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE deliveries ADD COLUMN not_before TEXT;
    ALTER TABLE deliveries ADD COLUMN claimed_at TEXT;
    ALTER TABLE deliveries ADD COLUMN error TEXT;
    CREATE INDEX deliveries_status ON deliveries(status, due_utc);
    """,
    # 4: who claimed a delivery (so recovery touches only a dead process's rows), the processes
    #    sending reminders and their heartbeat; a keyed hash of who asked an unanswered question
    #    (so erasure can find it; no identity in clear) and the key it is made with
    """
    ALTER TABLE deliveries ADD COLUMN claimed_by TEXT;
    CREATE TABLE senders (
        owner         TEXT PRIMARY KEY,
        host          TEXT NOT NULL,
        pid           INTEGER NOT NULL,
        heartbeat_at  TEXT NOT NULL
    );
    ALTER TABLE unanswered ADD COLUMN author TEXT;
    CREATE INDEX unanswered_author ON unanswered(author);
    CREATE TABLE store_keys (
        name   TEXT PRIMARY KEY,
        value  BLOB NOT NULL
    );
    """,
    # 5: the language the user reads (chosen, or taken from Telegram on the first message)
    """
    ALTER TABLE users ADD COLUMN language TEXT;
    """,
    # 6: a version per user row, raised on every save: an instance saving a turn over a state it
    #    did not load (another instance saved in between) is refused and retries the turn
    """
    ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    """,
    # 7: where a session walk stands (to resume it), and how each session felt afterwards
    """
    CREATE TABLE session_walks (
        user_id     INTEGER PRIMARY KEY REFERENCES users(user_id) ON DELETE CASCADE,
        local_date  TEXT NOT NULL,
        level       TEXT NOT NULL,
        goal        TEXT NOT NULL,
        position    INTEGER NOT NULL,
        done        TEXT NOT NULL DEFAULT '[]',
        skipped     TEXT NOT NULL DEFAULT '[]',
        hurt        TEXT NOT NULL DEFAULT '[]',
        updated_at  TEXT NOT NULL
    );
    CREATE TABLE session_checkins (
        id          INTEGER PRIMARY KEY,
        user_id     INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
        local_date  TEXT NOT NULL,
        pain        INTEGER,
        function    TEXT,
        created_at  TEXT NOT NULL,
        UNIQUE (user_id, local_date)
    );
    """,
    # 8: group chats already told to write privately: told once per group, across restarts
    """
    CREATE TABLE groups_told (
        chat_id   INTEGER PRIMARY KEY,
        told_at   TEXT NOT NULL
    );
    """,
    # 9: the opt-in weekly summary: its weekday (NULL: off) and its own next slot, sent at the
    #    reminder time through the same deliveries (slot key "2026-01-04T18:30.w")
    """
    ALTER TABLE subscriptions ADD COLUMN summary_day INTEGER;
    ALTER TABLE subscriptions ADD COLUMN summary_due_utc TEXT;
    ALTER TABLE subscriptions ADD COLUMN summary_slot TEXT;
    """,
    # 10: the old weekly-summary switch of migration 3 goes: nothing read it, summary_day (9)
    #     says whether and when the summary comes
    """
    ALTER TABLE subscriptions DROP COLUMN weekly_summary;
    """,
    # 11: the weekly summaries that came due, found by an index as the reminders are: without it
    #    every tick read the whole subscriptions table (0.5 s at 1,000,000 on PostgreSQL)
    """
    CREATE INDEX subscriptions_summary_due ON subscriptions(summary_due_utc)
        WHERE summary_day IS NOT NULL AND active = 1 AND paused = 0;
    """,
]
