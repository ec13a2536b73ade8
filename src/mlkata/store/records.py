"""Plain data going into and coming out of the progress store."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CheckRecord:
    """One judged check, as the caller knows it. The store adds time, clock, hints and a uuid."""

    problem_id: str
    passed: bool
    mistakes: list[str]
    checks_passed: int
    checks_total: int
    error_kind: str | None = None
    path: str | None = None
    judge_seconds: float | None = None
    source_hash: str | None = None  # of the checked source: re-checks of an unchanged file count once


@dataclass(frozen=True)
class RoundRow:
    """One practice round (mock, debug, review, loop): `data` is its state, merged from its events."""

    round_id: str
    mode: str
    problem_id: str
    started_at: float
    ended_at: float | None
    outcome: str | None
    data: dict

    @property
    def open(self) -> bool:
        return self.ended_at is None


@dataclass(frozen=True)
class CardRow:
    """A problem's spaced-repetition state: the FSRS card (as the scheduler serialises it) and its due time."""

    problem_id: str
    card: dict
    due: float
    updated_at: float


@dataclass(frozen=True)
class CheckRow:
    """One recorded check, as stored."""

    problem_id: str
    time: float
    passed: bool
    mistakes: list[str]
    checks_passed: int
    checks_total: int
    seconds_since_start: float | None
    hints_used: int
    solution_revealed: bool
    error_kind: str | None
    path: str | None
    judge_seconds: float | None
    uuid: str
    source_hash: str | None = None


@dataclass(frozen=True)
class ProblemSummary:
    """Progress on one problem. `attempts` counts recorded checks."""

    problem_id: str
    attempts: int
    solved: bool
    best_checks_passed: int
    best_checks_total: int
    last_check_at: float | None
    started_at: float | None
    hints_used: int
    solution_revealed: bool
    first_solved_seconds: float | None


@dataclass(frozen=True)
class Stats:
    """Totals over every problem, the most frequent mistakes and the latest checks. A mistake counts once
    per distinct source it was found in: re-checking an unchanged file does not add to it."""

    checks: int
    problems_attempted: int
    problems_solved: int
    hints_used: int
    solutions_revealed: int
    top_mistakes: list[tuple[str, str, int]]
    recent: list[CheckRow]
