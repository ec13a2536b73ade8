"""Practice rounds around the grader: mock interviews, fix-the-bug rounds, reviews (one module per mode).

A round is a row in the store (`Store.start_round`, `update_round`, `end_round`) with a mode. While a
round of a problem is open, the plain commands consult its mode's module through the three hooks
below, so `check`, `hint` and `solution` need not know any mode. A mode module may define:

    check_notes(store, round, problem, report, path) -> list[str]   # lines shown after a check
    hint(store, round, problem) -> str | None                       # replaces the hint (None: usual hint)
    solution_locked(store, round, problem) -> str | None            # a reason the answer stays hidden

A hook may raise MlkataError to refuse the command with a clear message. The library returns data;
only the faces print.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

MODES = ("mock", "debug", "review", "loop", "drill")


def _module(mode: str) -> ModuleType | None:
    if mode not in MODES:
        return None
    try:
        return importlib.import_module(f"mlkata.practice.{mode}")
    except ModuleNotFoundError:
        return None


def _open_rounds(store, problem_id: str):
    return [r for r in store.rounds(open_only=True) if r.problem_id == problem_id]


def check_notes(store, problem, report, path: Path) -> list[str]:
    """What the open rounds of this problem have to say about a check that was just recorded."""
    notes: list[str] = []
    for rnd in _open_rounds(store, problem.id):
        fn = getattr(_module(rnd.mode), "check_notes", None)
        if fn is not None:
            notes += fn(store, rnd, problem, report, path)
    return notes


def hint(store, problem) -> str | None:
    """The hint an open round gives instead of the next progressive hint, if any."""
    for rnd in _open_rounds(store, problem.id):
        fn = getattr(_module(rnd.mode), "hint", None)
        text = fn(store, rnd, problem) if fn is not None else None
        if text is not None:
            return text
    return None


def solution_locked(store, problem) -> str | None:
    """Why an open round keeps the model answer hidden, if one does."""
    for rnd in _open_rounds(store, problem.id):
        fn = getattr(_module(rnd.mode), "solution_locked", None)
        reason = fn(store, rnd, problem) if fn is not None else None
        if reason:
            return reason
    return None
