"""The review mode: re-implement a problem from a fresh starter in `<workspace>/review/<id>.py`.

The earlier solution in the workspace is never touched (a previous review file is kept as a backup).
The round ends, and the problem's card is rated (mlkata.practice.schedule), when a check of the review
file passes or when the user gives up (rated Again). Hints during a review start again from the first
and are counted against it; revealing the model answer makes the rating Again.
"""

from __future__ import annotations

import time
from pathlib import Path

from mlkata import paths
from mlkata.errors import MlkataError
from mlkata.practice import schedule

MODE = "review"


def review_path(workspace: Path, problem) -> Path:
    return Path(workspace).absolute() / "review" / problem.starter_filename


def open_round(store, problem_id: str | None = None):
    """The open review round (of `problem_id`, if given), or None."""
    rounds = [r for r in store.rounds(MODE, open_only=True) if problem_id in (None, r.problem_id)]
    return rounds[0] if rounds else None


def round_json(rnd, problem) -> dict:
    return {"round_id": rnd.round_id, "problem_id": rnd.problem_id, "title": problem.title,
            "path": rnd.data.get("path"), "started_at": rnd.started_at, "minutes": problem.minutes}


def start(store, problem, workspace: Path | None = None) -> dict:
    """Open a review round of `problem`: a fresh starter in review/, the clock started. Returns the round."""
    from mlkata.cli.session import Staged, stage_starter  # the all-or-nothing file writer `start` uses

    if open_round(store, problem.id) is not None:
        raise MlkataError(f"A review of {problem.id} is already open: `mlkata review` shows it.")
    workspace = Path(workspace if workspace is not None else paths.default_workspace()).absolute()
    target = review_path(workspace, problem)
    with Staged().all_or_nothing(f"start the review of {problem.id}", target) as staged:
        backup = stage_starter(staged, problem, target, workspace)
        store.record_start(problem.id, str(workspace))
        earlier = workspace / problem.starter_filename
        round_id = store.start_round(MODE, problem.id, {
            "path": str(target), "budget_seconds": problem.minutes * 60,
            "earlier": str(earlier) if earlier.exists() else None, "backup": str(backup) if backup else None})
    return round_json(store.round(round_id), problem) | {"backup": str(backup) if backup else None}


def same_file(a: str | Path | None, b: str | Path | None) -> bool:
    return a is not None and b is not None and Path(a).resolve() == Path(b).resolve()


def evidence(store, rnd, problem, passed: bool, at: float, extra_mistakes=(),
             budget_seconds: float | None = None) -> schedule.Evidence:
    """What a round (a review, a drill) showed by time `at`: its checks of the round's file, hints and reveals
    since its start; judged against `budget_seconds` (default: the problem's own budget)."""
    checks = [c for c in store.history(problem.id, limit=1_000_000)
              if rnd.started_at <= c.time <= at and same_file(c.path, rnd.data.get("path"))]
    mistakes: list[str] = []
    for c in sorted(checks, key=lambda c: c.time):
        mistakes += [m for m in c.mistakes if m not in mistakes]
    mistakes += [m for m in extra_mistakes if m not in mistakes]
    hints, reveals = store.used_since(problem.id, rnd.started_at)
    return schedule.Evidence(passed=passed, seconds=at - rnd.started_at,
                             budget_seconds=budget_seconds or problem.minutes * 60,
                             hints=hints, revealed=reveals > 0, mistakes=tuple(mistakes))


def finish(store, rnd, problem, ev: schedule.Evidence, at: float, outcome: str) -> dict:
    """Rate the card from `ev`, end the round; returns what happened."""
    rating, why = schedule.rate(ev)
    due = schedule.review(store, problem.id, rating, at)
    result = {"rating": rating, "why": why, "due": due, "seconds": ev.seconds, "mistakes": list(ev.mistakes),
              "hints": ev.hints, "revealed": ev.revealed}
    store.end_round(rnd.round_id, problem.id, outcome, result)
    return {"round_id": rnd.round_id, "problem_id": problem.id, "outcome": outcome, **result}


def give_up(store, problem_id: str | None, now: float) -> dict:
    """End the open review round (of `problem_id`, if given) as not passed: rated Again."""
    from mlkata.problems.catalog import get_problem

    rnd = open_round(store, problem_id)
    if rnd is None:
        raise MlkataError("No review is open" + (f" for {problem_id}." if problem_id else "."))
    problem = get_problem(rnd.problem_id)
    return finish(store, rnd, problem, evidence(store, rnd, problem, False, now), now, "gave-up")


def due_text(due: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(due))


# ---- hooks (mlkata.practice)

def check_notes(store, rnd, problem, report, path) -> list[str]:
    """A passing check of the review file ends the round and rates the card."""
    target = rnd.data.get("path")
    if not same_file(path, target):
        return [f"A review of {problem.id} is open: its file is {target} (this check is not part of it)."]
    if store.read_only is not None:
        return ["The store is read-only: this check could not count towards the open review."]
    if not report.passed:
        passed = sum(c.passed for c in report.checks)
        return [f"Review of {problem.id}: {passed}/{len(report.checks)} checks pass. Keep going, or "
                "`mlkata review --give-up` (rated Again)."]
    recorded = [c for c in store.history(problem.id, limit=20)
                if c.passed and c.time >= rnd.started_at and same_file(c.path, target)]
    if not recorded:
        return ["This check was not recorded, so the review stays open: check again once the store works."]
    at = recorded[0].time
    ev = evidence(store, rnd, problem, True, at, [m.id for m in report.mistakes])
    done = finish(store, rnd, problem, ev, at, "solved")
    return [f"Review of {problem.id} done: rated {done['rating']} ({done['why']}). "
            f"Next review due {due_text(done['due'])}."]


def hint(store, rnd, problem) -> str | None:
    """Hints start again from the first during a review; each is recorded (and makes the rating Hard)."""
    used, _ = store.used_since(problem.id, rnd.started_at)
    if used >= len(problem.hints):
        listed = "\n".join(f"  {i}. {text}" for i, text in enumerate(problem.hints, 1))
        return f"All {len(problem.hints)} hints of this review are revealed:\n{listed}"
    store.record_hint(problem.id)
    return f"Hint {used + 1} of {len(problem.hints)} (this review): {problem.hints[used]}"
