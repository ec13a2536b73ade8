"""Spaced repetition: every solved problem gets an FSRS card, rated from the evidence of an attempt.

The rating is never asked; it follows from what the store recorded:

    Again  not passed, or the model answer revealed
    Hard   passed, but over the time budget or with hints
    Good   passed within the budget (or in an unknown time)
    Easy   passed within half the budget, no hints, no classic mistake named on the way

Cards move in two ways. A review round (mlkata.practice.review) rates its re-implementation when a check
of the review file passes or the user gives up. A problem solved in a plain attempt gets its first card
lazily (`sync`, run by `today` and `review`): from the first passing check of the problem whose file is
not in a `debug/` folder, reviewed at that check's time, with the checks since that attempt's start as
the mistakes on the way. Later plain solves leave the card alone; only reviews move it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fsrs import Card, Rating, Scheduler

RATINGS = ("Again", "Hard", "Good", "Easy")
# Whole days only: no learning steps of minutes (a re-implementation is not a flashcard), no random fuzz
# (the same history always gives the same due dates). Retention 0.9: the interval is about the stability.
SCHEDULER = Scheduler(desired_retention=0.9, learning_steps=(), relearning_steps=(), enable_fuzzing=False)


@dataclass(frozen=True)
class Evidence:
    """What one attempt showed: the rating follows from it alone."""

    passed: bool
    seconds: float | None  # from the start of the attempt to the passing check; None if unknown
    budget_seconds: float
    hints: int
    revealed: bool
    mistakes: tuple[str, ...] = ()  # classic mistakes named by the attempt's checks


def rate(ev: Evidence) -> tuple[str, str]:
    """(rating, why) for one attempt."""
    if not ev.passed:
        return "Again", "not passed"
    if ev.revealed:
        return "Again", "the model answer was revealed"
    budget = f"{ev.budget_seconds / 60:g}-min budget"
    took = ("in an unknown time" if ev.seconds is None else
            f"in {ev.seconds:.0f} s" if ev.seconds < 60 else f"in {ev.seconds / 60:.0f} min")
    if ev.seconds is not None and ev.seconds > ev.budget_seconds:
        return "Hard", f"passed {took}, over the {budget}"
    if ev.hints:
        return "Hard", f"passed {took} with {ev.hints} hint(s)"
    if ev.seconds is not None and ev.seconds <= ev.budget_seconds / 2 and not ev.mistakes:
        return "Easy", f"passed {took}, within half the {budget}, no hints, no classic mistake"
    if ev.mistakes:
        return "Good", f"passed {took} within the {budget}, after {', '.join(ev.mistakes)}"
    return "Good", f"passed {took} within the {budget}"


def utc(t: float) -> datetime:
    return datetime.fromtimestamp(t, UTC)


def next_card(card: dict | None, rating: str, at: float) -> tuple[dict, float]:
    """The card after a review rated `rating` at unix time `at` (a new card if `card` is None): (card, due)."""
    if rating not in RATINGS:
        raise ValueError(f"rating must be one of {RATINGS}, not {rating!r}")
    before = Card.from_dict(card) if card is not None else Card(card_id=int(at * 1000), due=utc(at))
    after, _ = SCHEDULER.review_card(before, Rating[rating], review_datetime=utc(at))
    return after.to_dict(), after.due.timestamp()


def review(store, problem_id: str, rating: str, at: float) -> float:
    """Rate the problem's card at time `at` and store it; returns the new due time."""
    row = store.cards().get(problem_id)
    card, due = next_card(row.card if row else None, rating, at)
    store.record_review(problem_id, rating, card, due)
    return due


def in_debug_folder(path: str | None) -> bool:
    """Whether a checked file is a fix-the-bug round's file (`<workspace>/debug/<id>.py`)."""
    return path is not None and Path(path).parent.name == "debug"


def first_solve(problem, checks) -> tuple[Evidence, float] | None:
    """The evidence of the first plain solve of `problem` and its time, from its check rows (any order)."""
    ordered = sorted(checks, key=lambda c: c.time)
    passing = next((c for c in ordered if c.passed and not in_debug_folder(c.path)), None)
    if passing is None:
        return None
    since = passing.time - passing.seconds_since_start if passing.seconds_since_start is not None else None
    mistakes: list[str] = []
    for c in ordered:
        if c.time > passing.time:
            break
        if (since is None or c.time >= since) and not in_debug_folder(c.path):
            mistakes += [m for m in c.mistakes if m not in mistakes]
    ev = Evidence(passed=True, seconds=passing.seconds_since_start, budget_seconds=problem.minutes * 60,
                  hints=passing.hints_used, revealed=passing.solution_revealed, mistakes=tuple(mistakes))
    return ev, passing.time


def sync(store, problems, write: bool = True) -> dict[str, tuple[dict, float]]:
    """Every card, by problem id, as (card, due): those stored plus first cards for problems solved in a plain
    attempt and not yet scheduled. New cards are stored when `write` (a read-only store: computed only)."""
    cards = {pid: (row.card, row.due) for pid, row in store.cards().items()}
    summary = store.summary()
    for problem in problems:
        if problem.id in cards or not (problem.id in summary and summary[problem.id].solved):
            continue
        found = first_solve(problem, store.history(problem.id, limit=1_000_000))
        if found is None:
            continue
        ev, at = found
        rating, _ = rate(ev)
        card, due = next_card(None, rating, at)
        if write:
            store.record_review(problem.id, rating, card, due)
        cards[problem.id] = (card, due)
    return cards
