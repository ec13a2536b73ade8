"""Spaced repetition: the rating rule, FSRS cards, first cards from history, and a replayed history whose
due dates are pinned (clock injected, never slept)."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from mlkata.practice import review, schedule
from mlkata.problems.catalog import get_problem
from mlkata.store import CheckRecord, Store

T0 = 1_767_225_600.0  # 2026-01-01 00:00 UTC
DAY = 86_400.0


class Clock:
    def __init__(self, t: float = T0):
        self.t = t

    def __call__(self) -> float:
        return self.t


def iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="seconds")


def report(passed: bool, mistakes=()):
    """The parts of a judge Report the review hook reads."""
    return SimpleNamespace(passed=passed, checks=[SimpleNamespace(passed=passed)],
                           mistakes=[SimpleNamespace(id=m) for m in mistakes])


def ev(passed=True, seconds=200.0, hints=0, revealed=False, mistakes=()):
    return schedule.Evidence(passed, seconds, 600.0, hints, revealed, tuple(mistakes))


@pytest.mark.parametrize("evidence, rating", [
    (ev(passed=False), "Again"),
    (ev(revealed=True), "Again"),                        # even fast and clean
    (ev(seconds=601.0), "Hard"),                         # over the budget
    (ev(hints=1), "Hard"),                               # within half the budget, but a hint
    (ev(seconds=599.0, hints=2), "Hard"),
    (ev(seconds=599.0), "Good"),
    (ev(seconds=301.0), "Good"),                         # just over half the budget
    (ev(seconds=100.0, mistakes=["no-max-shift"]), "Good"),  # fast, but a classic mistake on the way
    (ev(seconds=None), "Good"),                          # time unknown: never Easy
    (ev(seconds=300.0), "Easy"),
    (ev(seconds=0.0), "Easy"),
])
def test_the_rating_follows_from_the_evidence(evidence, rating):
    got, why = schedule.rate(evidence)
    assert got == rating and why


def test_cards_are_whole_days_and_deterministic():
    again, due_again = schedule.next_card(None, "Again", T0)
    good, due_good = schedule.next_card(None, "Good", T0)
    easy, due_easy = schedule.next_card(None, "Easy", T0)
    assert (due_again - T0, due_good - T0, due_easy - T0) == (1 * DAY, 2 * DAY, 8 * DAY)
    assert schedule.next_card(None, "Good", T0) == (good, due_good)  # no fuzz
    with pytest.raises(ValueError):
        schedule.next_card(None, "Perfect", T0)


def _check(store, pid, passed, mistakes=(), path="ws/softmax.py"):
    store.record_check(CheckRecord(pid, passed, list(mistakes), 5 if passed else 3, 5, path=path))


def test_first_solve_ignores_debug_files_and_older_attempts(tmp_path):
    clock, sm = Clock(), get_problem("softmax")
    with Store.open(tmp_path / "s.sqlite3", clock=clock) as store:
        _check(store, "softmax", False, ["no-max-shift"])  # an earlier attempt's mistake
        clock.t += DAY
        store.record_start("softmax", "ws")
        clock.t += 60
        _check(store, "softmax", True, path="ws/debug/softmax.py")  # a fix-the-bug round: not a solve
        clock.t += 60
        _check(store, "softmax", True)
        found = schedule.first_solve(sm, store.history("softmax"))
    assert found is not None
    evidence, at = found
    assert at == T0 + DAY + 120 and evidence.seconds == 120 and evidence.mistakes == ()
    assert schedule.rate(evidence)[0] == "Easy"


def test_first_solve_with_hints_or_the_answer_revealed(tmp_path):
    clock = Clock()
    with Store.open(tmp_path / "s.sqlite3", clock=clock) as store:
        store.record_start("softmax", "ws")
        store.record_hint("softmax")
        store.record_start("adam", "ws")
        store.record_solution("adam")
        clock.t += 60
        _check(store, "softmax", True)
        _check(store, "adam", True, path="ws/adam.py")
        cards = schedule.sync(store, [get_problem("softmax"), get_problem("adam"), get_problem("rope")])
        assert sorted(cards) == ["adam", "softmax"]  # rope never passed: no card
        assert [(pid, rating) for pid, _, rating, _ in store.review_log()] == [("softmax", "Hard"), ("adam", "Again")]
        schedule.sync(store, [get_problem("softmax"), get_problem("adam")])  # once only
        assert len(store.review_log()) == 2


def test_a_read_only_sync_computes_without_writing(tmp_path):
    clock = Clock()
    with Store.open(tmp_path / "s.sqlite3", clock=clock) as store:
        _check(store, "softmax", True)
        cards = schedule.sync(store, [get_problem("softmax")], write=False)
        assert "softmax" in cards and store.cards() == {}


def test_replayed_history_pins_the_due_dates(tmp_path):
    """A plain solve, three reviews (Easy, gave up, Hard with a hint), replayed at fixed times."""
    clock, sm = Clock(), get_problem("softmax")  # softmax: a 10-minute budget
    ws = tmp_path / "ws"
    with Store.open(tmp_path / "s.sqlite3", clock=clock) as store:
        # day 0: solved in 8 minutes after one classic mistake -> Good (first card, derived lazily)
        store.record_start("softmax", str(ws))
        clock.t += 240
        _check(store, "softmax", False, ["no-max-shift"], path=str(ws / "softmax.py"))
        clock.t += 240
        _check(store, "softmax", True, path=str(ws / "softmax.py"))
        clock.t += 3600
        due = schedule.sync(store, [sm])["softmax"][1]

        # when due: a review passed in 3 minutes, clean -> Easy
        clock.t = due + 3600
        path = review.start(store, sm, ws)["path"]
        rnd = review.open_round(store)
        clock.t += 180
        _check(store, "softmax", True, path=path)
        notes = review.check_notes(store, rnd, sm, report(True), path)
        assert "rated Easy" in notes[0]
        due = store.cards()["softmax"].due

        # when due: a review given up -> Again
        clock.t = due + 7200
        review.start(store, sm, ws)
        clock.t += 900
        assert review.give_up(store, None, clock.t)["rating"] == "Again"
        due = store.cards()["softmax"].due

        # when due: passed in 6 minutes with one hint -> Hard
        clock.t = due
        path = review.start(store, sm, ws)["path"]
        rnd = review.open_round(store)
        clock.t += 60
        assert review.hint(store, rnd, sm).startswith("Hint 1 of")
        clock.t += 300
        _check(store, "softmax", True, path=path)
        assert "rated Hard" in review.check_notes(store, rnd, sm, report(True), path)[0]

        log = [(rating, iso(due)) for _, _, rating, due in store.review_log("softmax")]
        card = store.cards()["softmax"]
    assert log == [
        ("Good", "2026-01-03T00:08:00+00:00"),
        ("Easy", "2026-01-22T01:11:00+00:00"),   # 19 days after a clean 3-minute review
        ("Again", "2026-01-24T03:26:00+00:00"),  # a lapse: back in 2 days
        ("Hard", "2026-01-28T03:32:00+00:00"),
    ]
    assert card.card["state"] == 2 and iso(card.due) == log[-1][1]  # state 2: Review
    assert [r.outcome for r in store_rounds(tmp_path)] == ["solved", "gave-up", "solved"]


def store_rounds(tmp_path):
    with Store.open(tmp_path / "s.sqlite3") as store:
        return list(reversed(store.rounds("review")))
