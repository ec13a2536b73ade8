"""SQLite plumbing: connections in WAL mode, write transactions retried while locked,
damaged files moved aside, and sqlite3 errors turned into messages a user can act on."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TypeVar

from mlkata.errors import MlkataError

T = TypeVar("T")

SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_CANTOPEN = 5, 6, 8, 14
SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26
SIDE_FILES = ("-wal", "-shm", "-journal")  # SQLite's companions of a database file


class StoreError(MlkataError):
    """The progress store cannot be used; the message names the file and what to do."""


class StoreNotWritable(StoreError):
    """The progress store (or its directory) cannot be written; it may still be read."""


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_busy(exc: sqlite3.Error) -> bool:
    code = _code(exc)
    if code is not None:
        return code in (SQLITE_BUSY, SQLITE_LOCKED)
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def is_damaged(exc: sqlite3.Error) -> bool:
    code = _code(exc)
    if code is not None:
        return code in (SQLITE_CORRUPT, SQLITE_NOTADB)
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def describe_failure(exc: sqlite3.Error, timeout: float) -> str:
    """Why a write failed, in words."""
    if is_busy(exc):
        return f"it is locked by another process; waited {timeout:g} s"
    if is_damaged(exc):
        return f"the file looks damaged: {exc}"
    return str(exc)


def open_error(path: Path, exc: sqlite3.Error, timeout: float) -> StoreError:
    """The StoreError for a failure while opening, reading or migrating the store."""
    code = _code(exc)
    if is_busy(exc):
        return StoreError(f"The progress store {path} is locked by another process (waited {timeout:g} s). "
                          "Finish or close the other mlkata command and try again.")
    if is_damaged(exc):
        return StoreError(f"The progress store {path} looks damaged ({exc}). Run mlkata again: "
                          "it will move the damaged file aside and start a fresh store.")
    if code == SQLITE_READONLY:
        return StoreNotWritable(f"The progress store {path} is read-only. Make it writable, "
                          "or set MLKATA_HOME to a writable directory.")
    if code == SQLITE_CANTOPEN:
        return StoreNotWritable(f"Cannot open the progress store {path}. Check that its directory is writable, "
                          "or set MLKATA_HOME to a writable directory.")
    return StoreError(f"Cannot use the progress store {path}: {exc}.")


def connect(path: Path, timeout: float) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) with a busy timeout. Reads nothing yet."""
    conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def retry_while_busy(conn: sqlite3.Connection, action: Callable[[], T], timeout: float) -> T:
    """Run `action`, retrying with backoff while the database is locked, for `timeout` seconds in all."""
    deadline = time.monotonic() + timeout
    delay = 0.01
    try:
        while True:
            remaining = max(0.0, deadline - time.monotonic())
            conn.execute(f"PRAGMA busy_timeout = {int(remaining * 1000)}")
            try:
                return action()
            except sqlite3.OperationalError as exc:
                if not is_busy(exc) or time.monotonic() + delay >= deadline:
                    raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")


def run_write(conn: sqlite3.Connection, body: Callable[[sqlite3.Connection], T], timeout: float) -> T:
    """Run `body` in one write transaction (BEGIN IMMEDIATE ... COMMIT), retried while locked."""

    def attempt() -> T:
        conn.execute("BEGIN IMMEDIATE")
        try:
            result = body(conn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise
        return result

    return retry_while_busy(conn, attempt, timeout)


def run_read(conn: sqlite3.Connection, body: Callable[[sqlite3.Connection], T]) -> T:
    """Run `body` in one read transaction, so that it sees a single snapshot."""
    conn.execute("BEGIN")
    try:
        return body(conn)
    finally:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("COMMIT")


def find_damage(conn: sqlite3.Connection) -> str | None:
    """What is wrong with the file, or None when it is a sound SQLite database (or empty)."""
    try:
        conn.execute("PRAGMA user_version").fetchone()
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if is_damaged(exc):
            return str(exc)
        raise
    if rows != [("ok",)]:
        return "; ".join(str(row[0]) for row in rows[:3])
    return None


def move_aside(path: Path) -> Path:
    """Rename a damaged database (and its WAL companions) to `<name>.corrupt-<timestamp>`; delete nothing."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.rename(path, aside)
    for suffix in SIDE_FILES:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.rename(companion, aside.with_name(aside.name + suffix))
    return aside


def open_database(
    path: Path, timeout: float, exclusive: Callable[[], AbstractContextManager[object]]
) -> tuple[sqlite3.Connection, list[str]]:
    """Connect to the store at `path` in WAL mode. A damaged file is moved aside and a fresh one started
    (under `exclusive`, so two processes do not both do it). Also returns notices for the user."""
    notices: list[str] = []
    try:
        conn = connect(path, timeout)
        damage = find_damage(conn)
        if damage is not None:
            conn.close()
            conn, aside = _replace_damaged(path, timeout, exclusive, damage)
            if aside is not None:
                notices.append(f"The progress store {path} was damaged ({damage}). It was moved aside to {aside} "
                               "(nothing was deleted) and a fresh store was started; your earlier progress "
                               "stays in the old file.")
        mode = retry_while_busy(conn, lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone()[0], timeout)
        conn.execute("PRAGMA synchronous = FULL")  # a commit is on disk when record_* returns
    except sqlite3.Error as exc:
        raise open_error(path, exc, timeout) from None
    if str(mode).lower() != "wal":
        notices.append(f"The progress store {path} cannot use WAL mode here ({mode}); "
                       "concurrent mlkata commands may wait on each other.")
    return conn, notices


def _replace_damaged(
    path: Path, timeout: float, exclusive: Callable[[], AbstractContextManager[object]], damage: str
) -> tuple[sqlite3.Connection, Path | None]:
    """Move the damaged file aside and connect to a fresh one; (connection, where the old file went)."""
    try:
        with exclusive():
            conn = connect(path, timeout)
            if find_damage(conn) is None:  # another process replaced it meanwhile
                return conn, None
            conn.close()
            aside = move_aside(path)
            return connect(path, timeout), aside
    except OSError as exc:
        raise StoreError(f"The progress store {path} is damaged ({damage}) and could not be moved aside "
                         f"({exc.strerror or exc}). Move or rename it yourself, then run mlkata again.") from None
