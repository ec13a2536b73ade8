"""The progress store: schema and migrations, recorded semantics, concurrent writers,
and that a locked, damaged or half-written file never costs a recorded attempt."""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest

from mlkata import paths
from mlkata.store import SCHEMA_VERSION, CheckRecord, Store, StoreError, StoreNotWritable, events
from mlkata.store import core as store_core
from mlkata.store.journal import journal_path_for
from mlkata.store.migrations import MIGRATIONS, migrate


class Clock:
    """A settable clock, so times since start are exact."""

    def __init__(self, t: float = 1_000_000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t

    def tick(self, seconds: float) -> None:
        self.t += seconds


def check(problem_id="softmax", passed=False, mistakes=(), n_passed=0, n_total=5, **kw) -> CheckRecord:
    return CheckRecord(problem_id=problem_id, passed=passed, mistakes=list(mistakes), checks_passed=n_passed,
                       checks_total=n_total, **kw)


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def count_checks(path: Path) -> int:
    conn = raw(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM checks").fetchone()[0]
    finally:
        conn.close()


def pending_lines(path: Path) -> list[str]:
    journal = journal_path_for(path)
    return journal.read_text().splitlines() if journal.exists() else []


# ---- schema and migrations


def test_fresh_store_lives_in_mlkata_home_with_schema_and_wal(isolated_home):
    with Store.open() as store:
        assert store.path == paths.store_path() == isolated_home / "mlkata.sqlite3"
        assert store.warnings == []
    conn = raw(isolated_home / "mlkata.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"starts", "checks", "check_mistakes", "hints", "solutions"} <= tables


def test_reopening_keeps_data_and_version(tmp_path):
    db = tmp_path / "s.sqlite3"
    with Store.open(db) as store:
        store.record_check(check())
    for _ in range(2):
        with Store.open(db) as store:
            assert len(store.history()) == 1
            assert store.warnings == []
    assert raw(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_v1_database_is_migrated_keeping_its_rows(tmp_path):
    db = tmp_path / "old.sqlite3"
    conn = raw(db)
    migrate(conn, db, timeout=1.0, target=1)
    conn.execute("INSERT INTO checks (uuid, problem_id, at, seconds_since_start, passed, checks_passed, "
                 "checks_total, hints_used, solution_revealed) VALUES ('u1', 'softmax', 5.0, 2.0, 1, 5, 5, 0, 0)")
    conn.execute("INSERT INTO check_mistakes VALUES (1, 0, 'ignores-axis')")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'checks_by_problem'"
                        ).fetchone()[0] == 0
    conn.close()

    with Store.open(db) as store:
        [row] = store.history()
        assert (row.problem_id, row.passed, row.mistakes, row.seconds_since_start) == (
            "softmax", True, ["ignores-axis"], 2.0)
        assert store.solved("softmax")
    conn = raw(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'checks_by_problem'"
                        ).fetchone()[0] == 1
    assert conn.execute("SELECT source_hash FROM checks").fetchall() == [(None,)]


def test_schema_from_a_newer_mlkata_is_refused_untouched(tmp_path):
    db = tmp_path / "new.sqlite3"
    conn = raw(db)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 7}")
    conn.close()
    with pytest.raises(StoreError, match="created by a newer mlkata") as info:
        Store.open(db)
    assert str(db) in str(info.value)
    conn = raw(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 7
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("future",)]


def test_unusable_data_directory_is_a_clear_error(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("MLKATA_HOME", str(blocker / "home"))
    with pytest.raises(StoreNotWritable, match="MLKATA_HOME"):
        Store.open()


def test_bad_timeout_setting_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("MLKATA_STORE_TIMEOUT", "soon")
    with pytest.raises(StoreError, match="MLKATA_STORE_TIMEOUT"):
        Store.open()


# ---- what is recorded


def test_check_gets_time_since_start_hints_and_solution_flag():
    clock = Clock()
    with Store.open(clock=clock) as store:
        store.record_check(check("softmax"))  # before any start
        clock.tick(10)
        store.record_start("softmax", "/ws")
        assert store.started_at("softmax") == clock.t
        clock.tick(30)
        assert store.record_hint("softmax") == 0
        assert store.record_hint("softmax") == 1
        clock.tick(15)
        store.record_check(check("softmax", mistakes=["ignores-axis"], n_passed=3, error_kind=None,
                                 path="/ws/softmax.py", judge_seconds=0.25))
        clock.tick(5)
        store.record_solution("softmax")
        clock.tick(5)
        store.record_check(check("softmax", passed=True, n_passed=5))

        newest, middle, oldest = store.history("softmax")
        assert oldest.seconds_since_start is None and oldest.hints_used == 0
        assert middle.seconds_since_start == 45.0 and middle.hints_used == 2 and not middle.solution_revealed
        assert (middle.mistakes, middle.path, middle.judge_seconds) == (["ignores-axis"], "/ws/softmax.py", 0.25)
        assert newest.seconds_since_start == 55.0 and newest.solution_revealed and newest.passed
        assert newest.time == clock.t
        assert store.hints_used("softmax") == 2 and store.solution_revealed("softmax") and store.solved("softmax")


def test_a_new_start_resets_the_clock_and_unstarted_problems_have_none():
    clock = Clock()
    with Store.open(clock=clock) as store:
        store.record_start("softmax", "/ws")
        clock.tick(100)
        store.record_start("softmax", "/ws2")
        clock.tick(7)
        store.record_check(check("softmax"))
        assert store.history()[0].seconds_since_start == 7.0
        assert store.started_at("never") is None
        assert store.hints_used("never") == 0
        assert not store.solved("never") and not store.solution_revealed("never")


def test_summary_per_problem():
    clock = Clock()
    with Store.open(clock=clock) as store:
        store.record_start("softmax", "/ws")
        clock.tick(20)
        store.record_check(check("softmax", n_passed=2))
        clock.tick(20)
        store.record_check(check("softmax", passed=True, n_passed=5))
        clock.tick(20)
        store.record_check(check("softmax", n_passed=4))
        store.record_hint("attention")
        store.record_check(check("autograd", n_passed=1, n_total=8))
        store.record_solution("autograd")
        summary = store.summary()

    assert set(summary) == {"softmax", "attention", "autograd"}
    soft = summary["softmax"]
    assert (soft.attempts, soft.solved, soft.best_checks_passed, soft.best_checks_total) == (3, True, 5, 5)
    assert soft.first_solved_seconds == 40.0 and soft.started_at == 1_000_000.0 and soft.last_check_at == clock.t
    attention = summary["attention"]
    assert (attention.attempts, attention.solved, attention.hints_used, attention.last_check_at) == (0, False, 1, None)
    auto = summary["autograd"]
    assert (auto.solved, auto.best_checks_passed, auto.best_checks_total, auto.solution_revealed) == (False, 1, 8, True)
    assert auto.started_at is None and auto.first_solved_seconds is None


def test_stats_totals_top_mistakes_and_recent():
    clock = Clock()
    with Store.open(clock=clock) as store:
        for i in range(12):
            clock.tick(1)
            store.record_check(check("softmax", mistakes=["ignores-axis"] + (["no-max-shift"] if i % 3 == 0 else [])))
        clock.tick(1)
        store.record_check(check("autograd", passed=True, mistakes=[]))
        store.record_hint("softmax")
        store.record_hint("softmax")
        store.record_solution("softmax")
        store.record_solution("softmax")
        stats = store.stats()

    assert (stats.checks, stats.problems_attempted, stats.problems_solved) == (13, 2, 1)
    assert (stats.hints_used, stats.solutions_revealed) == (2, 1)
    assert stats.top_mistakes == [("softmax", "ignores-axis", 12), ("softmax", "no-max-shift", 4)]
    assert len(stats.recent) == 10
    assert stats.recent[0].problem_id == "autograd" and stats.recent[0].passed
    assert [r.time for r in stats.recent] == sorted((r.time for r in stats.recent), reverse=True)


def test_rechecks_of_an_unchanged_file_count_once_among_the_top_mistakes():
    clock = Clock()
    with Store.open(clock=clock) as store:
        for source in ("a", "a", "a", "b"):  # the same file checked three times, then an edited one
            clock.tick(1)
            store.record_check(check(mistakes=["ignores-axis"], source_hash=source))
        for _ in range(2):  # recorded without a hash (before it existed): each counts
            store.record_check(check(mistakes=["no-max-shift"]))
        store.record_check(check("autograd", mistakes=["ignores-axis"], source_hash="a"))  # another problem
        stats = store.stats()
        assert store.history()[-1].source_hash == "a"
    assert stats.checks == 7
    assert stats.top_mistakes == [("softmax", "ignores-axis", 2), ("softmax", "no-max-shift", 2),
                                  ("autograd", "ignores-axis", 1)]


def test_a_check_event_from_before_source_hash_is_still_valid(tmp_path):
    event = events.check_event(check(mistakes=["m"]), 5.0)
    del event["source_hash"]  # as written by an older mlkata into the pending journal
    assert events.is_valid(event)
    with Store.open(tmp_path / "s.sqlite3") as store:
        store._write(event)
        [row] = store.history()
    assert row.mistakes == ["m"] and row.source_hash is None


def test_malformed_record_is_refused_before_anything_is_written():
    with Store.open() as store:
        with pytest.raises(ValueError, match="not a valid check record"):
            store.record_check(CheckRecord("softmax", passed=True, mistakes=[], checks_passed="5", checks_total=5))
        assert store.history() == []


def test_history_filters_and_limits():
    clock = Clock()
    with Store.open(clock=clock) as store:
        for i in range(5):
            clock.tick(1)
            store.record_check(check("a" if i % 2 else "b", n_passed=i))
        assert [r.checks_passed for r in store.history()] == [4, 3, 2, 1, 0]
        assert [r.checks_passed for r in store.history("a")] == [3, 1]
        assert [r.checks_passed for r in store.history(limit=2)] == [4, 3]
        assert store.history("nothing") == []


# ---- two processes at once


def _record_many(db: str, worker: int, count: int, barrier) -> None:
    with Store.open(Path(db)) as store:
        barrier.wait()
        store.record_start(f"p{worker}", "/ws")
        for i in range(count):
            store.record_check(check(f"p{worker % 2}", passed=i % 10 == 0, mistakes=[f"m{i % 3}"]))
            if i % 50 == 0:
                store.record_hint(f"p{worker}")
        if store.warnings:
            raise SystemExit(f"worker {worker}: {store.warnings}")


def test_concurrent_writers_from_several_processes_lose_nothing(tmp_path):
    db = tmp_path / "shared.sqlite3"
    workers, count = 4, 200
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(workers)
    procs = [ctx.Process(target=_record_many, args=(str(db), w, count, barrier)) for w in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0] * workers
    with Store.open(db) as store:
        stats = store.stats()
        summary = store.summary()
    assert stats.checks == workers * count
    assert summary["p0"].attempts == summary["p1"].attempts == workers * count // 2
    assert stats.hints_used == workers * count // 50
    assert sum(n for _, _, n in stats.top_mistakes) == workers * count
    assert pending_lines(db) == []


# ---- locked store: the pending journal


def test_locked_store_keeps_the_record_in_the_journal_and_replays_it_once(tmp_path):
    db = tmp_path / "s.sqlite3"
    clock = Clock()
    with Store.open(db, clock=clock) as store:
        store.record_start("softmax", "/ws")
    holder = raw(db)
    holder.execute("BEGIN EXCLUSIVE")  # another process in the middle of a long write
    try:
        with Store.open(db, timeout=0.2, clock=clock) as store:
            clock.tick(42)
            assert store.record_hint("softmax") == 0
            assert store.record_hint("softmax") == 1
            clock.tick(8)
            store.record_check(check("softmax", passed=True, mistakes=["m"]))
            assert len(store.warnings) == 3
            assert "locked by another process" in store.warnings[-1]
            assert str(journal_path_for(db)) in store.warnings[-1]
            assert store.history() == []  # reads still work while locked (WAL)
            assert store.started_at("softmax") == 1_000_000.0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    journal = pending_lines(db)
    assert [json.loads(line)["kind"] for line in journal] == ["hint", "hint", "check"]

    with Store.open(db) as store:
        assert any("Added 3 record(s)" in w for w in store.warnings)
        [row] = store.history()
        assert row.seconds_since_start == 50.0 and row.hints_used == 2 and row.mistakes == ["m"]
        assert store.hints_used("softmax") == 2
    assert pending_lines(db) == []

    # A crash after the replay committed but before the journal was emptied: the lines come back.
    journal_path_for(db).write_text("\n".join(journal) + "\n")
    with Store.open(db) as store:
        assert len(store.history()) == 1 and store.hints_used("softmax") == 2
        assert not any("Added" in w for w in store.warnings)
    assert pending_lines(db) == []


def test_pending_records_are_flushed_by_the_next_write(tmp_path):
    db = tmp_path / "s.sqlite3"
    Store.open(db).close()
    holder = raw(db)
    holder.execute("BEGIN EXCLUSIVE")
    store = Store.open(db, timeout=0.1)
    store.record_check(check(n_passed=1))
    holder.execute("ROLLBACK")
    holder.close()
    store.record_check(check(n_passed=2))
    assert [r.checks_passed for r in store.history()] == [2, 1]
    assert pending_lines(db) == []
    store.close()


def test_half_written_journal_line_is_kept_aside_and_the_rest_replayed(tmp_path):
    db = tmp_path / "s.sqlite3"
    Store.open(db).close()
    holder = raw(db)
    holder.execute("BEGIN EXCLUSIVE")
    with Store.open(db, timeout=0.1) as store:
        store.record_check(check(n_passed=1))
    journal = journal_path_for(db)
    with open(journal, "ab") as f:
        f.write(b'{"v":1,"kind":"check","uuid":"cut-sh')  # a crash mid-append
    with Store.open(db, timeout=0.1) as store:
        assert any("could not be added" in w for w in store.warnings)  # still locked: nothing lost, nothing moved
        store.record_check(check(n_passed=2))  # goes on its own line after the torn one
    holder.execute("ROLLBACK")
    holder.close()
    assert len(pending_lines(db)) == 3

    with Store.open(db) as store:
        assert sorted(r.checks_passed for r in store.history()) == [1, 2]
        assert any("1 unreadable line" in w for w in store.warnings)
    assert pending_lines(db) == []
    rejected = journal.with_name(journal.name.removesuffix(".jsonl") + "-rejected.jsonl")
    assert rejected.read_bytes() == b'{"v":1,"kind":"check","uuid":"cut-sh\n'


def test_failed_write_on_a_damaged_file_goes_to_the_journal(tmp_path, monkeypatch):
    db = tmp_path / "s.sqlite3"
    store = Store.open(db)

    def broken(*args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(store_core, "run_write", broken)
    store.record_check(check(passed=True))
    assert "looks damaged" in store.warnings[-1]
    store.close()
    monkeypatch.undo()
    assert len(pending_lines(db)) == 1
    with Store.open(db) as store:
        assert store.solved("softmax")


def test_write_that_cannot_reach_database_or_journal_raises(tmp_path, monkeypatch):
    db = tmp_path / "s.sqlite3"
    store = Store.open(db, timeout=0.1)
    holder = raw(db)
    holder.execute("BEGIN EXCLUSIVE")
    journal_path_for(db).mkdir()  # the journal cannot be opened as a file
    try:
        with pytest.raises(StoreError, match="Could not record this check result") as info:
            store.record_check(check())
        assert str(db) in str(info.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        store.close()


# ---- a store that cannot be written: read it, record nothing


def test_unwritable_store_is_read_as_a_snapshot_and_refuses_writes(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("MLKATA_HOME", str(blocker / "home"))
    with pytest.raises(StoreNotWritable) as info:
        Store.open()
    with Store.open_readonly(info.value) as store:
        assert store.history() == [] and store.stats().checks == 0 and store.summary() == {}
        assert store.write_problem() == str(info.value)
        with pytest.raises(StoreNotWritable, match="MLKATA_HOME"):
            store.record_check(check())
    assert not (blocker / "home").exists()


def test_writable_store_reports_no_write_problem(tmp_path):
    with Store.open(tmp_path / "s.sqlite3") as store:
        assert store.write_problem() is None
        assert store.history() == []  # the probe wrote nothing


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="permissions do not bind root; run as an ordinary user")
def test_store_in_a_read_only_directory_is_read_untouched(tmp_path):
    folder = tmp_path / "home"
    folder.mkdir()
    db = folder / "mlkata.sqlite3"
    with Store.open(db) as store:
        store.record_check(check(mistakes=["m"], source_hash="x"))
    before = sorted(p.name for p in folder.iterdir())
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreNotWritable, match="read-only|writable") as info:
            Store.open(db)
        with Store.open_readonly(info.value, db) as store:
            assert [r.mistakes for r in store.history()] == [["m"]]
            assert store.stats().top_mistakes == [("softmax", "m", 1)]
        assert sorted(p.name for p in folder.iterdir()) == before
    finally:
        folder.chmod(0o755)


# ---- damaged file


def test_garbage_file_is_moved_aside_and_a_fresh_store_started(isolated_home):
    db = paths.store_path()
    db.parent.mkdir(parents=True)
    garbage = b"this is not a database at all\n" * 200
    db.write_bytes(garbage)
    with Store.open() as store:
        [message] = store.warnings
        [aside] = isolated_home.glob("mlkata.sqlite3.corrupt-*")
        assert "damaged" in message and "moved aside" in message and str(aside) in message
        store.record_check(check(passed=True))
    assert aside.read_bytes() == garbage
    with Store.open() as store:
        assert store.warnings == [] and store.solved("softmax")


def test_database_with_damaged_pages_is_moved_aside(tmp_path):
    db = tmp_path / "s.sqlite3"
    Store.open(db).close()
    conn = raw(db)
    with conn:  # fill a few dozen pages in one transaction
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO hints (uuid, problem_id, at) VALUES (?, 'softmax', ?)",
                         [(f"hint-{i:04d}" * 4, float(i)) for i in range(2000)])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(db.read_bytes())
    assert len(data) > 6 * page_size
    data[2 * page_size: 5 * page_size] = b"\xa5" * (3 * page_size)  # keep the header, smash some pages
    db.write_bytes(bytes(data))

    with Store.open(db) as store:
        assert len(store.warnings) == 1 and "moved aside" in store.warnings[0]
        store.record_check(check())
        assert len(store.history()) == 1
    [aside] = tmp_path.glob("s.sqlite3.corrupt-*")
    assert aside.read_bytes() == bytes(data)
