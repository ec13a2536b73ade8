"""The store's schema, as an ordered list of migrations. `PRAGMA user_version` is the number applied.

Never edit a shipped migration: append a new one. Each runs inside the same write transaction
as the version bump, so a crash leaves the file at the old version, untouched.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mlkata.store.db import StoreError, run_write

V1_TABLES = [
    """CREATE TABLE starts (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        problem_id TEXT NOT NULL,
        workspace TEXT NOT NULL,
        at REAL NOT NULL
    )""",
    """CREATE TABLE checks (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        problem_id TEXT NOT NULL,
        at REAL NOT NULL,
        seconds_since_start REAL,
        passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
        checks_passed INTEGER NOT NULL,
        checks_total INTEGER NOT NULL,
        error_kind TEXT,
        path TEXT,
        judge_seconds REAL,
        hints_used INTEGER NOT NULL,
        solution_revealed INTEGER NOT NULL CHECK (solution_revealed IN (0, 1))
    )""",
    """CREATE TABLE check_mistakes (
        check_id INTEGER NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        mistake_id TEXT NOT NULL,
        PRIMARY KEY (check_id, position)
    )""",
    """CREATE TABLE hints (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        problem_id TEXT NOT NULL,
        at REAL NOT NULL
    )""",
    """CREATE TABLE solutions (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        problem_id TEXT NOT NULL,
        at REAL NOT NULL
    )""",
]

V2_INDEXES = [
    "CREATE INDEX checks_by_problem ON checks (problem_id, at)",
    "CREATE INDEX checks_by_time ON checks (at)",
    "CREATE INDEX starts_by_problem ON starts (problem_id, at)",
    "CREATE INDEX hints_by_problem ON hints (problem_id, at)",
    "CREATE INDEX solutions_by_problem ON solutions (problem_id, at)",
    "CREATE INDEX mistakes_by_id ON check_mistakes (mistake_id)",
]

V3_SOURCE_HASH = [
    "ALTER TABLE checks ADD COLUMN source_hash TEXT",  # NULL for checks recorded before it existed
]

V4_ROUNDS_AND_CARDS = [
    # a practice round (mock, debug, review, loop): its state is a JSON object, updated by later events
    """CREATE TABLE rounds (
        round_id TEXT PRIMARY KEY,
        mode TEXT NOT NULL,
        problem_id TEXT NOT NULL,
        started_at REAL NOT NULL,
        ended_at REAL,
        outcome TEXT,
        data TEXT NOT NULL
    )""",
    """CREATE TABLE round_events (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        round_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        at REAL NOT NULL,
        data TEXT NOT NULL
    )""",
    "CREATE INDEX rounds_by_mode ON rounds (mode, started_at)",
    # the spaced-repetition state of each problem (an FSRS card as JSON) and every review that moved it
    """CREATE TABLE cards (
        problem_id TEXT PRIMARY KEY,
        card TEXT NOT NULL,
        due REAL NOT NULL,
        updated_at REAL NOT NULL
    )""",
    """CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        problem_id TEXT NOT NULL,
        at REAL NOT NULL,
        rating TEXT NOT NULL,
        card TEXT NOT NULL,
        due REAL NOT NULL
    )""",
]

# MIGRATIONS[i] takes the schema from version i to version i + 1.
MIGRATIONS: list[list[str]] = [V1_TABLES, V2_INDEXES, V3_SOURCE_HASH, V4_ROUNDS_AND_CARDS]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def too_new(path: Path, found: int) -> StoreError:
    return StoreError(f"The progress store {path} was created by a newer mlkata (schema version {found}; "
                      f"this mlkata knows up to {SCHEMA_VERSION}). Upgrade mlkata, "
                      "or set MLKATA_HOME to another directory to keep a separate store.")


def migrate(conn: sqlite3.Connection, path: Path, timeout: float, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema up to `target`; returns the version found before. Safe to race with other processes."""
    found = schema_version(conn)
    if found > SCHEMA_VERSION:
        raise too_new(path, found)
    if found >= target:
        return found

    def upgrade(c: sqlite3.Connection) -> int:
        current = schema_version(c)  # re-read under the write lock: another process may have migrated
        if current > SCHEMA_VERSION:
            raise too_new(path, current)
        for statements in MIGRATIONS[current:target]:
            for statement in statements:
                c.execute(statement)
        if current < target:
            c.execute(f"PRAGMA user_version = {target}")
        return current

    return run_write(conn, upgrade, timeout)
