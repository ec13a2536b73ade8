"""Practice rounds and spaced-repetition cards in the store: events, merged state, replay from the journal."""

import json

from mlkata.store import SCHEMA_VERSION, Store


class Clock:
    def __init__(self, t: float = 1_700_000_000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t


def test_a_round_starts_updates_and_ends(tmp_path):
    clock = Clock()
    with Store.open(tmp_path / "s.sqlite3", clock=clock) as store:
        rid = store.start_round("mock", "softmax", {"minutes": 45, "hints": False})
        clock.t += 60
        store.update_round(rid, "softmax", {"checks": 3})
        [open_round] = store.rounds("mock", open_only=True)
        assert open_round.open and open_round.data == {"minutes": 45, "hints": False, "checks": 3}
        clock.t += 600
        store.end_round(rid, "softmax", "Lean Hire", {"answers": ["because"]})
        assert store.rounds("mock", open_only=True) == []
        done = store.round(rid)
        assert done.outcome == "Lean Hire" and done.ended_at - done.started_at == 660
        assert done.data["answers"] == ["because"] and done.data["checks"] == 3
        assert store.rounds("debug") == []


def test_reviews_keep_the_latest_card_and_a_log(tmp_path):
    clock = Clock()
    with Store.open(tmp_path / "s.sqlite3", clock=clock) as store:
        store.record_review("adam", "Good", {"state": 2, "stability": 3.1}, due=clock.t + 3 * 86400)
        clock.t += 3 * 86400
        store.record_review("adam", "Hard", {"state": 2, "stability": 5.0}, due=clock.t + 6 * 86400)
        card = store.cards()["adam"]
        assert card.card == {"state": 2, "stability": 5.0} and card.due == clock.t + 6 * 86400
        assert [r[2] for r in store.review_log("adam")] == ["Good", "Hard"]


def test_round_events_replay_from_the_journal_once(tmp_path):
    """A round written while the store was unavailable is kept in the journal and applied once."""
    db = tmp_path / "s.sqlite3"
    clock = Clock()
    with Store.open(db, clock=clock) as store:
        assert SCHEMA_VERSION >= 4
        rid = store.start_round("debug", "attention", {"injected": ["no-scale"]})
    journal = db.with_name(db.name + ".pending.jsonl")
    with Store.open(db, clock=clock) as store:
        store.end_round(rid, "attention", "solved")
        assert store.round(rid).outcome == "solved"
        assert not journal.exists() or journal.read_text().strip() == ""
        assert json.loads(json.dumps(store.round(rid).data)) == {"injected": ["no-scale"]}
