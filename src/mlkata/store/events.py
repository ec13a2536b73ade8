"""Every write to the store is an event: a small JSON-able dict with a uuid and a time.

The same event goes into the database or, when that fails, into the pending journal, and is
applied later. Applying is idempotent (a uuid already stored is skipped), and everything the store
derives for a check (time since start, hints used, solution revealed) is computed as of the event's
own time, so a check replayed late gets the same values it would have got at once.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import asdict
from typing import Any

from mlkata.store.records import CheckRecord

FORMAT = 1
Event = dict[str, Any]

_STR, _OPT_STR = (str,), (str, type(None))
_INT, _NUM, _OPT_NUM = (int,), (int, float), (int, float, type(None))
FIELDS: dict[str, dict[str, tuple[type, ...]]] = {
    "start": {"problem_id": _STR, "workspace": _STR},
    "hint": {"problem_id": _STR},
    "solution": {"problem_id": _STR},
    "check": {
        "problem_id": _STR, "passed": (bool,), "mistakes": (list,), "checks_passed": _INT, "checks_total": _INT,
        "error_kind": _OPT_STR, "path": _OPT_STR, "judge_seconds": _OPT_NUM,
        "source_hash": _OPT_STR,  # absent from events written before it existed: read as None
    },
    # practice rounds: `data` is a JSON object (text); an update merges its keys into the round's state
    "round-start": {"problem_id": _STR, "round_id": _STR, "mode": _STR, "data": _STR},
    "round-update": {"problem_id": _STR, "round_id": _STR, "data": _STR},
    "round-end": {"problem_id": _STR, "round_id": _STR, "outcome": _STR, "data": _STR},
    # spaced repetition: the card after a review (FSRS state as JSON text) and when it is next due
    "review": {"problem_id": _STR, "rating": _STR, "card": _STR, "due": _NUM},
}


def new_event(kind: str, at: float, **fields: Any) -> Event:
    return {"v": FORMAT, "kind": kind, "uuid": uuid.uuid4().hex, "at": at, **fields}


def check_event(rec: CheckRecord, at: float) -> Event:
    fields = asdict(rec)
    fields["passed"] = bool(rec.passed)
    fields["mistakes"] = [str(m) for m in rec.mistakes]
    return new_event("check", at, **fields)


def is_valid(event: object) -> bool:
    """Whether a decoded journal line is an event this version can apply."""
    if not isinstance(event, dict) or event.get("v") != FORMAT or event.get("kind") not in FIELDS:
        return False
    if not isinstance(event.get("uuid"), str) or not _is(event.get("at"), _NUM):
        return False
    fields = FIELDS[event["kind"]]
    if not all(_is(event.get(name), types) for name, types in fields.items()):
        return False
    return "mistakes" not in fields or all(isinstance(m, str) for m in event["mistakes"])


def _is(value: object, types: tuple[type, ...]) -> bool:
    if isinstance(value, bool) and bool not in types:
        return False
    if isinstance(value, int) and not isinstance(value, bool) and not -(2**63) <= value < 2**63:
        return False  # SQLite integers are 64-bit
    return isinstance(value, types)


def apply(conn: sqlite3.Connection, event: Event) -> bool:
    """Write one event inside the caller's transaction; False if its uuid was already stored."""
    kind, uid, at, pid = event["kind"], event["uuid"], event["at"], event["problem_id"]
    if kind == "start":
        cur = conn.execute("INSERT INTO starts (uuid, problem_id, workspace, at) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (uuid) DO NOTHING", (uid, pid, event["workspace"], at))
        return cur.rowcount > 0
    if kind.startswith("round-"):
        return _apply_round(conn, event)
    if kind == "review":
        cur = conn.execute("INSERT INTO reviews (uuid, problem_id, at, rating, card, due) VALUES (?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (uuid) DO NOTHING",
                           (uid, pid, at, event["rating"], event["card"], event["due"]))
        if cur.rowcount == 0:
            return False
        conn.execute("INSERT INTO cards (problem_id, card, due, updated_at) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT (problem_id) DO UPDATE SET card = excluded.card, due = excluded.due, "
                     "updated_at = excluded.updated_at WHERE excluded.updated_at >= cards.updated_at",
                     (pid, event["card"], event["due"], at))
        return True
    if kind in ("hint", "solution"):
        cur = conn.execute(f"INSERT INTO {kind}s (uuid, problem_id, at) VALUES (?, ?, ?) "
                           "ON CONFLICT (uuid) DO NOTHING", (uid, pid, at))
        return cur.rowcount > 0
    return _apply_check(conn, event)


def _apply_round(conn: sqlite3.Connection, event: Event) -> bool:
    """A round's start creates it; an update merges its data in; an end closes it (all idempotent by uuid)."""
    kind, rid, at = event["kind"], event["round_id"], event["at"]
    cur = conn.execute("INSERT INTO round_events (uuid, round_id, kind, at, data) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT (uuid) DO NOTHING", (event["uuid"], rid, kind, at, event["data"]))
    if cur.rowcount == 0:
        return False
    patch = json.loads(event["data"])
    if kind == "round-start":
        conn.execute("INSERT INTO rounds (round_id, mode, problem_id, started_at, data) VALUES (?, ?, ?, ?, ?) "
                     "ON CONFLICT (round_id) DO NOTHING",
                     (rid, event["mode"], event["problem_id"], at, json.dumps(patch)))
        return True
    row = conn.execute("SELECT data FROM rounds WHERE round_id = ?", (rid,)).fetchone()
    if row is None:  # an update for a round this store never saw started: keep the log, nothing to merge into
        return True
    state = {**json.loads(row[0]), **patch}
    if kind == "round-end":
        conn.execute("UPDATE rounds SET data = ?, ended_at = ?, outcome = ? WHERE round_id = ?",
                     (json.dumps(state), at, event["outcome"], rid))
    else:
        conn.execute("UPDATE rounds SET data = ? WHERE round_id = ?", (json.dumps(state), rid))
    return True


def _apply_check(conn: sqlite3.Connection, event: Event) -> bool:
    pid, at = event["problem_id"], event["at"]
    (started,) = conn.execute("SELECT MAX(at) FROM starts WHERE problem_id = ? AND at <= ?", (pid, at)).fetchone()
    (hints,) = conn.execute("SELECT COUNT(*) FROM hints WHERE problem_id = ? AND at <= ?", (pid, at)).fetchone()
    (revealed,) = conn.execute("SELECT EXISTS (SELECT 1 FROM solutions WHERE problem_id = ? AND at <= ?)",
                               (pid, at)).fetchone()
    cur = conn.execute(
        """INSERT INTO checks (uuid, problem_id, at, seconds_since_start, passed, checks_passed, checks_total,
                               error_kind, path, judge_seconds, hints_used, solution_revealed, source_hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO NOTHING""",
        (event["uuid"], pid, at, None if started is None else at - started, int(event["passed"]),
         event["checks_passed"], event["checks_total"], event["error_kind"], event["path"],
         event["judge_seconds"], hints, int(revealed), event.get("source_hash")),
    )
    if cur.rowcount == 0:
        return False
    conn.executemany("INSERT INTO check_mistakes (check_id, position, mistake_id) VALUES (?, ?, ?)",
                     [(cur.lastrowid, i, m) for i, m in enumerate(event["mistakes"])])
    return True
