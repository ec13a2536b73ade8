"""The progress store: what the user started, checked, peeked at, and how it went."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from mlkata import paths
from mlkata.store import events
from mlkata.store.db import (
    StoreError,
    StoreNotWritable,
    describe_failure,
    open_database,
    open_error,
    run_read,
    run_write,
)
from mlkata.store.journal import PendingJournal, journal_path_for
from mlkata.store.migrations import migrate
from mlkata.store.records import CardRow, CheckRecord, CheckRow, ProblemSummary, RoundRow, Stats

T = TypeVar("T")

DEFAULT_TIMEOUT = 5.0
TIMEOUT_ENV = "MLKATA_STORE_TIMEOUT"
WHAT = {"start": "start of the attempt", "check": "check result", "hint": "hint", "solution": "solution reveal",
        "round-start": "start of the round", "round-update": "round's progress", "round-end": "end of the round",
        "review": "review result"}


def resolve_timeout(timeout: float | None) -> float:
    """`timeout`, else $MLKATA_STORE_TIMEOUT, else 5 seconds: how long a write waits for a locked store."""
    if timeout is not None:
        return float(timeout)
    raw = os.environ.get(TIMEOUT_ENV)
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value < 0:
        raise StoreError(f"{TIMEOUT_ENV}={raw!r} is not a number of seconds; unset it or set it to e.g. 5.")
    return value


class Store:
    """One open progress store. Writes never lose a record: if the database cannot take it,
    it goes to the pending journal beside it and a message is added to `warnings`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, journal: PendingJournal, timeout: float,
                 clock: Callable[[], float], warnings: list[str], read_only: StoreNotWritable | None = None):
        self.path = path
        self.journal = journal
        self.warnings = warnings
        self.read_only = read_only  # set by open_readonly: why this store cannot be written
        self._conn: sqlite3.Connection | None = conn
        self._timeout = timeout
        self._clock = clock
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: Path | None = None, *, timeout: float | None = None,
             clock: Callable[[], float] = time.time) -> Store:
        """Open (creating, migrating, repairing as needed) the store and add any pending records."""
        path = Path(path) if path is not None else paths.store_path()
        timeout = resolve_timeout(timeout)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreNotWritable(f"Cannot create the mlkata data directory {path.parent} ({exc.strerror or exc}). "
                             "Set MLKATA_HOME to a writable directory.") from None
        journal = PendingJournal(journal_path_for(path))
        conn, warnings = open_database(path, timeout, journal.locked)
        try:
            migrate(conn, path, timeout)
        except sqlite3.Error as exc:
            conn.close()
            raise open_error(path, exc, timeout) from None
        except BaseException:
            conn.close()
            raise
        store = cls(conn, path, journal, timeout, clock, warnings)
        try:
            store._write(None)  # add records kept in the pending journal, if any
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def open_readonly(cls, reason: StoreNotWritable, path: Path | None = None, *,
                      clock: Callable[[], float] = time.time) -> Store:
        """A snapshot of the store, in memory, for reading when it cannot be written (`reason` says why).
        Reads work as usual (an absent store reads as empty); every write raises `reason`."""
        path = Path(path) if path is not None else paths.store_path()
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        try:
            if path.is_file():
                _copy_readonly(path, conn)
            migrate(conn, path, 0.0)  # the copy only: the file is never written
        except sqlite3.Error as exc:
            conn.close()
            raise open_error(path, exc, 0.0) from None
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, PendingJournal(journal_path_for(path)), 0.0, clock, [], read_only=reason)

    def write_problem(self) -> str | None:
        """Why a record could not be written to the database now, or None if it can (an empty write
        transaction is tried; nothing is written)."""
        if self.read_only is not None:
            return str(self.read_only)
        for where in (self.path.parent, self.path):
            if where.exists() and not os.access(where, os.W_OK):
                return f"{where} is read-only for this user"
        with self._lock:
            try:
                run_write(self._live(), lambda c: None, self._timeout)
            except sqlite3.Error as exc:
                return describe_failure(exc, self._timeout)
        return None

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---- writes

    def record_start(self, problem_id: str, workspace: str) -> None:
        """A new attempt at `problem_id`; its clock starts now."""
        self._write(events.new_event("start", self._clock(), problem_id=problem_id, workspace=str(workspace)))

    def record_check(self, rec: CheckRecord) -> None:
        """One judged check; time, time since start, hints used and solution revealed are filled in."""
        self._write(events.check_event(rec, self._clock()))

    def record_hint(self, problem_id: str) -> int:
        """One more hint was revealed; returns its 0-based index."""
        event = events.new_event("hint", self._clock(), problem_id=problem_id)
        stored, index = self._write(event, before=lambda c: _count(c, "hints", problem_id))
        if stored:
            return index
        try:  # kept in the journal: count what the database has plus what waits there (this one included)
            in_db = self.hints_used(problem_id)
        except StoreError:
            in_db = 0
        return in_db + self.journal.count("hint", problem_id) - 1

    def record_solution(self, problem_id: str) -> None:
        """The model answer was revealed."""
        self._write(events.new_event("solution", self._clock(), problem_id=problem_id))

    def start_round(self, mode: str, problem_id: str, data: dict) -> str:
        """Open a practice round (mock, debug, review, loop) with its initial state; returns its id."""
        round_id = uuid.uuid4().hex
        self._write(events.new_event("round-start", self._clock(), problem_id=problem_id, round_id=round_id,
                                     mode=mode, data=json.dumps(data)))
        return round_id

    def update_round(self, round_id: str, problem_id: str, data: dict) -> None:
        """Merge `data` into the round's state."""
        self._write(events.new_event("round-update", self._clock(), problem_id=problem_id, round_id=round_id,
                                     data=json.dumps(data)))

    def end_round(self, round_id: str, problem_id: str, outcome: str, data: dict | None = None) -> None:
        """Close the round with its outcome (a verdict, "solved", "abandoned", ...), merging `data` in."""
        self._write(events.new_event("round-end", self._clock(), problem_id=problem_id, round_id=round_id,
                                     outcome=outcome, data=json.dumps(data or {})))

    def record_review(self, problem_id: str, rating: str, card: dict, due: float) -> None:
        """A review moved the problem's spaced-repetition card: store the new card and its due time."""
        self._write(events.new_event("review", self._clock(), problem_id=problem_id, rating=rating,
                                     card=json.dumps(card), due=float(due)))

    def rounds(self, mode: str | None = None, open_only: bool = False) -> list[RoundRow]:
        """Practice rounds, newest first."""
        return self._read(lambda c: _round_rows(c, mode, open_only))

    def round(self, round_id: str) -> RoundRow | None:
        rows = self._read(lambda c: _round_rows(c, None, False, round_id))
        return rows[0] if rows else None

    def cards(self) -> dict[str, CardRow]:
        """Every problem's spaced-repetition card, by problem id."""
        return self._read(lambda c: {row[0]: CardRow(row[0], json.loads(row[1]), row[2], row[3]) for row in
                                     c.execute("SELECT problem_id, card, due, updated_at FROM cards")})

    def review_log(self, problem_id: str | None = None) -> list[tuple[str, float, str, float]]:
        """(problem_id, at, rating, due) of every review, oldest first."""
        query = "SELECT problem_id, at, rating, due FROM reviews" + (" WHERE problem_id = ?" if problem_id else "")
        return self._read(lambda c: [tuple(r) for r in c.execute(query + " ORDER BY at, id",
                                                                 (problem_id,) if problem_id else ())])

    def _write(self, event: events.Event | None, before: Callable[[sqlite3.Connection], Any] | None = None
               ) -> tuple[bool, Any]:
        """Commit the pending journal's events, then `event` (if any), in one transaction. Returns (stored,
        what `before` returned inside that transaction). If the database fails, `event` goes to the journal."""
        if event is not None and not events.is_valid(event):
            raise ValueError(f"not a valid {event['kind']} record for the progress store: {event}")
        if self.read_only is not None:
            if event is None:
                return False, None
            raise StoreNotWritable(str(self.read_only))
        with self._lock, contextlib.ExitStack() as held:
            conn = self._live()
            has_pending = self.journal.has_pending()
            if event is None and not has_pending:
                return True, None
            if has_pending:
                try:
                    jf = held.enter_context(self.journal.locked())
                    pending, bad = self.journal.read(jf)
                except OSError as exc:
                    held.close()  # release the journal; its records stay where they are
                    self.warnings.append(f"Could not read the pending records in {self.journal.path} "
                                         f"({exc.strerror or exc}); they are kept there.")
                else:
                    return self._commit(conn, pending, event, before, jf, bad)
            if event is None:
                return False, None
            return self._commit(conn, [], event, before)

    def _commit(self, conn: sqlite3.Connection, pending: list[events.Event], event: events.Event | None,
                before: Callable[[sqlite3.Connection], Any] | None, jf: BinaryIO | None = None,
                bad: list[bytes] | None = None) -> tuple[bool, Any]:
        pending = sorted(pending, key=lambda e: e["at"])  # derived values are computed as of each event's time

        def body(c: sqlite3.Connection) -> tuple[int, Any]:
            added = sum(events.apply(c, e) for e in pending)
            value = before(c) if before is not None else None
            if event is not None:
                events.apply(c, event)
            return added, value

        try:
            added, value = run_write(conn, body, self._timeout)
        except sqlite3.Error as exc:
            if pending and event is None:  # with an event, its own message below says enough
                self.warnings.append(
                    f"{len(pending)} record(s) waiting in {self.journal.path} could not be added to {self.path} "
                    f"yet ({describe_failure(exc, self._timeout)}); they are kept there and mlkata will try "
                    "again next time.")
            if event is not None:
                self._keep_pending(event, jf, exc)
            return False, None
        if jf is not None:
            self._settle(jf, added, bad or [])
        return True, value

    def _keep_pending(self, event: events.Event, jf: BinaryIO | None, exc: sqlite3.Error) -> None:
        what, reason = WHAT[event["kind"]], describe_failure(exc, self._timeout)
        try:
            self.journal.append(event, jf)
        except OSError as os_exc:
            raise StoreError(f"Could not record this {what}: writing to {self.path} failed ({reason}) and so did "
                             f"saving it to {self.journal.path} ({os_exc.strerror or os_exc}). Free some disk space "
                             "or fix the permissions, then try again.") from None
        self.warnings.append(f"Could not write to {self.path} ({reason}). The {what} was saved to "
                             f"{self.journal.path} and will be added the next time mlkata opens the store.")

    def _settle(self, jf: BinaryIO, added: int, bad: list[bytes]) -> None:
        try:
            self.journal.settle(jf, bad)
        except OSError as exc:  # committed already; a later replay skips the stored uuids
            self.warnings.append(f"Could not empty {self.journal.path} ({exc.strerror or exc}); "
                                 "its records are already stored and will not be counted twice.")
            return
        if added:
            self.warnings.append(f"Added {added} record(s) to {self.path} that had been kept in "
                                 f"{self.journal.path} while the store was unavailable.")
        unsealed = min(self.journal.unsealed, len(bad))
        damaged = len(bad) - unsealed
        if damaged:
            self.warnings.append(f"{damaged} unreadable line(s) in {self.journal.path} (probably cut short by a "
                                 f"crash) were moved to {self.journal.rejected_path}.")
        if unsealed:
            self.warnings.append(f"{unsealed} line(s) in {self.journal.path} were not written by mlkata (no valid "
                                 f"seal: forged, or from before seals) and were not recorded; they were moved to "
                                 f"{self.journal.rejected_path}.")

    # ---- reads

    def started_at(self, problem_id: str) -> float | None:
        """Unix time of the latest start of `problem_id`, None if never started."""
        return self._read(lambda c: c.execute("SELECT MAX(at) FROM starts WHERE problem_id = ?",
                                              (problem_id,)).fetchone()[0])

    def hints_used(self, problem_id: str) -> int:
        return self._read(lambda c: _count(c, "hints", problem_id))

    def solution_revealed(self, problem_id: str) -> bool:
        return self._read(lambda c: _count(c, "solutions", problem_id) > 0)

    def used_since(self, problem_id: str, since: float) -> tuple[int, int]:
        """(hints, solution reveals) of `problem_id` recorded at or after `since`, e.g. during a round."""
        def body(c: sqlite3.Connection) -> tuple[int, int]:
            return tuple(c.execute(f"SELECT COUNT(*) FROM {table} WHERE problem_id = ? AND at >= ?",
                                   (problem_id, since)).fetchone()[0] for table in ("hints", "solutions"))
        return self._read(body)

    def solved(self, problem_id: str) -> bool:
        """Whether any check of `problem_id` passed."""
        return self._read(lambda c: c.execute("SELECT EXISTS (SELECT 1 FROM checks WHERE problem_id = ? AND passed)",
                                              (problem_id,)).fetchone()[0] == 1)

    def history(self, problem_id: str | None = None, limit: int = 50) -> list[CheckRow]:
        """The latest checks (of one problem, or all), newest first."""
        return self._read(lambda c: _check_rows(c, problem_id, limit))

    def summary(self) -> dict[str, ProblemSummary]:
        """Progress per problem that has any recorded activity, by problem id."""
        return self._read(_summary)

    def stats(self) -> Stats:
        return self._read(_stats)

    def _read(self, body: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            try:
                return run_read(self._live(), body)
            except sqlite3.Error as exc:
                raise open_error(self.path, exc, self._timeout) from None

    def _live(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError(f"the progress store {self.path} is closed")
        return self._conn


def _count(conn: sqlite3.Connection, table: str, problem_id: str) -> int:
    return conn.execute(f"SELECT COUNT(*) FROM {table} WHERE problem_id = ?", (problem_id,)).fetchone()[0]


def _copy_readonly(path: Path, conn: sqlite3.Connection) -> None:
    """Copy the database at `path` into `conn` without writing anything beside it. A WAL database in a
    read-only directory cannot be opened read-only (SQLite wants its -shm file): then it is read as
    immutable, which sees what was last checkpointed."""
    uri = path.resolve().as_uri()
    try:
        source = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        try:
            source.backup(conn)
        finally:
            source.close()
    except sqlite3.OperationalError:
        source = sqlite3.connect(f"{uri}?immutable=1", uri=True)
        try:
            source.backup(conn)
        finally:
            source.close()


CHECK_COLUMNS = ("id, problem_id, at, passed, checks_passed, checks_total, seconds_since_start, hints_used, "
                 "solution_revealed, error_kind, path, judge_seconds, uuid, source_hash")


def _round_rows(conn: sqlite3.Connection, mode: str | None, open_only: bool, round_id: str | None = None
                ) -> list[RoundRow]:
    where, args = [], []
    if mode is not None:
        where.append("mode = ?")
        args.append(mode)
    if open_only:
        where.append("ended_at IS NULL")
    if round_id is not None:
        where.append("round_id = ?")
        args.append(round_id)
    sql = ("SELECT round_id, mode, problem_id, started_at, ended_at, outcome, data FROM rounds"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY started_at DESC, rowid DESC")
    return [RoundRow(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6])) for r in conn.execute(sql, args)]


def _check_rows(conn: sqlite3.Connection, problem_id: str | None, limit: int) -> list[CheckRow]:
    where, args = ("WHERE problem_id = ?", (problem_id,)) if problem_id is not None else ("", ())
    rows = conn.execute(f"SELECT {CHECK_COLUMNS} FROM checks {where} ORDER BY at DESC, id DESC LIMIT ?",
                        (*args, max(0, limit))).fetchall()
    mistakes: dict[int, list[str]] = {row[0]: [] for row in rows}
    if rows:
        marks = ",".join("?" * len(rows))
        for check_id, mistake_id in conn.execute(
                f"SELECT check_id, mistake_id FROM check_mistakes WHERE check_id IN ({marks}) "
                "ORDER BY check_id, position", list(mistakes)):
            mistakes[check_id].append(mistake_id)
    return [
        CheckRow(problem_id=pid, time=at, passed=bool(passed), mistakes=mistakes[cid], checks_passed=n_passed,
                 checks_total=n_total, seconds_since_start=since, hints_used=hints, solution_revealed=bool(revealed),
                 error_kind=error_kind, path=path, judge_seconds=judge_seconds, uuid=uid, source_hash=source_hash)
        for (cid, pid, at, passed, n_passed, n_total, since, hints, revealed, error_kind, path, judge_seconds, uid,
             source_hash) in rows
    ]


def _summary(conn: sqlite3.Connection) -> dict[str, ProblemSummary]:
    checks = {pid: (n, bool(solved), last) for pid, n, solved, last in conn.execute(
        "SELECT problem_id, COUNT(*), MAX(passed), MAX(at) FROM checks GROUP BY problem_id")}
    # A bare column next to a single MAX()/MIN() comes from the row holding that extreme (SQLite guarantees it).
    best = {pid: (n_passed, n_total) for pid, n_passed, n_total in conn.execute(
        "SELECT problem_id, MAX(checks_passed), checks_total FROM checks GROUP BY problem_id")}
    first_solved = {pid: since for pid, _, since in conn.execute(
        "SELECT problem_id, MIN(at), seconds_since_start FROM checks WHERE passed GROUP BY problem_id")}
    starts = dict(conn.execute("SELECT problem_id, MAX(at) FROM starts GROUP BY problem_id").fetchall())
    hints = dict(conn.execute("SELECT problem_id, COUNT(*) FROM hints GROUP BY problem_id").fetchall())
    revealed = {pid for (pid,) in conn.execute("SELECT DISTINCT problem_id FROM solutions")}
    out = {}
    for pid in sorted(set(checks) | set(starts) | set(hints) | revealed):
        attempts, solved, last = checks.get(pid, (0, False, None))
        best_passed, best_total = best.get(pid, (0, 0))
        out[pid] = ProblemSummary(
            problem_id=pid, attempts=attempts, solved=solved, best_checks_passed=best_passed,
            best_checks_total=best_total, last_check_at=last, started_at=starts.get(pid),
            hints_used=hints.get(pid, 0), solution_revealed=pid in revealed, first_solved_seconds=first_solved.get(pid),
        )
    return out


def _stats(conn: sqlite3.Connection) -> Stats:
    summary = _summary(conn)
    # one count per distinct source a mistake was found in (a check recorded without a hash counts alone)
    top = conn.execute(
        """SELECT c.problem_id, m.mistake_id, COUNT(DISTINCT COALESCE(c.source_hash, c.uuid)) AS n
           FROM check_mistakes m JOIN checks c ON c.id = m.check_id
           GROUP BY c.problem_id, m.mistake_id ORDER BY n DESC, c.problem_id, m.mistake_id LIMIT 10""").fetchall()
    return Stats(
        checks=conn.execute("SELECT COUNT(*) FROM checks").fetchone()[0],
        problems_attempted=len(summary),
        problems_solved=sum(s.solved for s in summary.values()),
        hints_used=conn.execute("SELECT COUNT(*) FROM hints").fetchone()[0],
        solutions_revealed=sum(s.solution_revealed for s in summary.values()),
        top_mistakes=[(pid, mistake, n) for pid, mistake, n in top],
        recent=_check_rows(conn, None, 10),
    )
