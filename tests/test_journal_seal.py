"""The pending journal replays only records the engine sealed: a forged line, however valid an
event it holds, is kept aside in the -rejected file and never reaches the store."""

import json
import os

from mlkata import seal
from mlkata.store import CheckRecord, Store
from mlkata.store import events as store_events
from mlkata.store.journal import PendingJournal, journal_path_for


def _passing_check() -> dict:
    return store_events.check_event(CheckRecord("attention", True, [], 9, 9), 1_700_000_000.5)


def _line(event: dict, mark: str | None) -> bytes:
    return json.dumps(event if mark is None else {**event, "seal": mark}).encode() + b"\n"


def _checks(db) -> list[str]:
    with Store.open(db) as store:
        return [row.problem_id for row in store.history()]


def test_sealed_records_replay_and_forged_ones_are_kept_aside(tmp_path):
    db = tmp_path / "mlkata.sqlite3"
    with Store.open(db):
        pass
    journal = PendingJournal(journal_path_for(db))
    journal.append(store_events.check_event(CheckRecord("softmax", False, ["no-max-shift"], 3, 5), 1_700_000_000.0))
    body = json.dumps(_passing_check(), sort_keys=True, separators=(",", ":")).encode()
    purpose = f"journal {journal.path.name}"
    forged = [
        _line(_passing_check(), None),  # no seal
        _line(_passing_check(), "0" * 64),  # a made-up seal
        _line(_passing_check(), seal.sign(os.urandom(seal.KEY_BYTES), purpose, body)),  # another key
        _line(_passing_check(), seal.sign(seal.key(tmp_path), "journal other.jsonl", body)),  # another journal
    ]
    with open(journal.path, "ab") as f:
        f.write(b"".join(forged))
    with open(journal.path, "rb") as f:
        events, bad = journal.read(f)
    assert [e["problem_id"] for e in events] == ["softmax"]
    assert len(bad) == len(forged) and journal.unsealed == len(forged)

    with Store.open(db) as store:  # replayed when the store opens; the forged lines are not, and it says so
        assert [row.problem_id for row in store.history()] == ["softmax"]
        said = " ".join(store.warnings)
    assert f"{len(forged)} line(s)" in said and "not written by mlkata" in said and "cut short" not in said
    assert not journal.has_pending()
    assert journal.rejected_path.read_bytes().count(b"\n") == len(forged)


def test_appended_lines_carry_a_seal_under_the_private_key(tmp_path):
    journal = PendingJournal(tmp_path / "mlkata.sqlite3.pending.jsonl")
    journal.append(_passing_check())
    [line] = journal.path.read_bytes().splitlines()
    assert len(json.loads(line)["seal"]) == 64
    key = tmp_path / seal.KEY_NAME
    assert key.stat().st_mode & 0o777 == 0o600


def test_without_a_usable_key_the_records_are_kept_where_they_are(tmp_path):
    db = tmp_path / "mlkata.sqlite3"
    with Store.open(db):
        pass
    journal = PendingJournal(journal_path_for(db))
    journal.append(_passing_check())
    (tmp_path / seal.KEY_NAME).unlink()
    (tmp_path / seal.KEY_NAME).mkdir()  # no key can be read or made here
    with Store.open(db) as store:
        assert store.history() == []
        assert any(str(journal.path) in w for w in store.warnings)
    assert journal.has_pending()
