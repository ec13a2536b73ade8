"""Drills: one of the eight most-asked coding questions from a fresh starter, against a 10-minute clock.

A drill is a store round of mode "drill" writing `<workspace>/drill/<id>.py`. It ends when a check of that
file passes, when the user gives up, or when the next drill command finds its time ran out. Its result
rates the problem's spaced-repetition card (mlkata.practice.schedule, the same card reviews move) with a
10-minute budget. Then come the problem's numerical-stability gotchas (study/gotchas.toml): the user
names two, sees the answers and rates each; without a terminal they are recorded as unrated. The
library returns data; only the CLI prints.
"""

from __future__ import annotations

import time
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path

from mlkata import paths
from mlkata.errors import MlkataError
from mlkata.practice import review, schedule

MODE = "drill"
MINUTES = 10
DRILLS = ("softmax", "attention", "sampling", "kmeans", "logistic_regression", "mlp_backprop", "beam_search",
          "cosine_similarity")
QUESTION = "Name two numerical-stability gotchas of {title}."


@cache
def gotchas() -> dict[str, tuple[dict, ...]]:
    """Each drill problem's gotchas: {problem_id: ({id, prompt, answer, mistake}, ...)}."""
    text = resources.files("mlkata.study").joinpath("gotchas.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return {pid: tuple({"id": g["id"], "prompt": g["prompt"], "answer": g["answer"],
                        "mistake": g.get("mistake")} for g in items) for pid, items in data.items()}


def drill_path(workspace: Path, problem) -> Path:
    return Path(workspace).absolute() / "drill" / problem.starter_filename


def open_round(store):
    """The open drill (the newest if several), or None."""
    rounds = store.rounds(MODE, open_only=True)
    return rounds[0] if rounds else None


def _mmss(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def round_json(rnd, at: float) -> dict:
    return {"round_id": rnd.round_id, "problem_id": rnd.problem_id, "path": rnd.data.get("path"),
            "started_at": rnd.started_at, "minutes": rnd.data.get("minutes", MINUTES),
            "deadline": rnd.data["deadline"], "remaining": rnd.data["deadline"] - at}


def listing(store) -> list[dict]:
    """The drills, each with its gotcha count, how often it was drilled and its last outcome."""
    rounds = store.rounds(MODE)
    rows = []
    for pid in DRILLS:
        mine = [r for r in rounds if r.problem_id == pid]
        last = mine[0] if mine else None
        rows.append({"problem_id": pid, "minutes": MINUTES, "gotchas": len(gotchas().get(pid, ())),
                     "drills": len(mine), "last_outcome": None if last is None else
                     ("open" if last.open else last.outcome),
                     "last_rating": None if last is None else last.data.get("rating")})
    return rows


def pick(store) -> str:
    """A drill never done, in list order; else the one drilled longest ago."""
    last: dict[str, float] = {}
    for r in store.rounds(MODE):  # newest first: keep each problem's latest
        last.setdefault(r.problem_id, r.started_at)
    return min(DRILLS, key=lambda pid: (pid in last, last.get(pid, 0.0), DRILLS.index(pid)))


def start(store, problem, workspace: Path | None, at: float) -> dict:
    """Write a fresh starter to drill/<id>.py (an earlier one is kept as a backup) and open the round."""
    if problem.id not in DRILLS:
        raise MlkataError(f"{problem.id} is not a drill; drills: {', '.join(DRILLS)}.")
    if open_round(store) is not None:
        raise MlkataError("A drill is already open: finish it with a passing check or `mlkata drill --give-up`.")
    workspace = Path(workspace if workspace is not None else paths.default_workspace()).absolute()
    target = drill_path(workspace, problem)
    target.parent.mkdir(parents=True, exist_ok=True)
    backup = None
    if target.exists():
        backup = target.with_name(f"{target.name}.{time.strftime('%Y%m%d-%H%M%S', time.localtime(at))}.bak")
        target.replace(backup)
    target.write_text(problem.starter, encoding="utf-8")
    target.with_suffix(".md").write_text(problem.statement, encoding="utf-8")
    if not (workspace / paths.WORKSPACE_MARKER).exists():
        (workspace / paths.WORKSPACE_MARKER).write_text(paths.WORKSPACE_MARKER_TEXT, encoding="utf-8")
    store.record_start(problem.id, str(workspace))
    round_id = store.start_round(MODE, problem.id, {"path": str(target), "minutes": MINUTES,
                                                    "deadline": at + MINUTES * 60,
                                                    "backup": str(backup) if backup else None})
    return round_json(store.round(round_id), at) | {"backup": str(backup) if backup else None}


def evidence(store, rnd, problem, passed: bool, at: float, extra_mistakes=()) -> schedule.Evidence:
    """What the drill showed by `at`, as a review's evidence, against the drill's 10 minutes."""
    return review.evidence(store, rnd, problem, passed, at, extra_mistakes, budget_seconds=MINUTES * 60)


def questions(problem) -> dict:
    """The gotcha card set shown after a drill: the question and each gotcha (prompt and answer)."""
    return {"question": QUESTION.format(title=problem.title.lower()),
            "gotchas": [dict(g) for g in gotchas().get(problem.id, ())]}


def _first_card(store, rnd, problem) -> None:
    """A problem solved in a plain attempt before the drill gets its first card from that solve first (as
    `schedule.sync` would), so the drill moves it rather than replacing it."""
    if problem.id in store.cards():
        return
    before = [c for c in store.history(problem.id, limit=1_000_000) if c.time < rnd.started_at]
    found = schedule.first_solve(problem, before)
    if found is not None:
        ev, at = found
        card, due = schedule.next_card(None, schedule.rate(ev)[0], at)
        store.record_review(problem.id, schedule.rate(ev)[0], card, due)


def finish(store, rnd, problem, ev: schedule.Evidence, at: float, outcome: str) -> dict:
    """Rate the problem's card from `ev` and end the drill; its gotchas wait to be rated."""
    _first_card(store, rnd, problem)
    rating, why = schedule.rate(ev)
    due = schedule.review(store, problem.id, rating, at)
    result = {"rating": rating, "why": why, "due": due, "seconds": ev.seconds, "mistakes": list(ev.mistakes),
              "hints": ev.hints, "revealed": ev.revealed, "gotchas_rated": False}
    store.end_round(rnd.round_id, problem.id, outcome, result)
    return {"round_id": rnd.round_id, "problem_id": problem.id, "outcome": outcome, **result,
            **questions(problem)}


def give_up(store, at: float) -> dict:
    """End the open drill as not passed (rated Again)."""
    from mlkata.problems.catalog import get_problem

    rnd = open_round(store)
    if rnd is None:
        raise MlkataError("No drill is open.")
    problem = get_problem(rnd.problem_id)
    return finish(store, rnd, problem, evidence(store, rnd, problem, False, at), at, "gave-up")


def settle_expired(store, at: float) -> dict | None:
    """A drill whose clock ran out ends now, not passed (its last check did not pass in time)."""
    from mlkata.problems.catalog import get_problem

    rnd = open_round(store)
    if rnd is None or at <= rnd.data["deadline"]:
        return None
    problem = get_problem(rnd.problem_id)
    end = rnd.data["deadline"]
    return finish(store, rnd, problem, evidence(store, rnd, problem, False, end), end, "timed-out")


def pending(store):
    """The newest ended drill whose gotchas are not yet rated (or recorded unrated), or None."""
    for rnd in store.rounds(MODE):
        if not rnd.open:
            return rnd if rnd.data.get("gotchas_rated") is False else None
    return None


def rate_gotchas(store, rnd, ratings: list[str | None]) -> list[dict]:
    """Record the user's self-rating of each gotcha (None: unrated) in the drill's round."""
    from mlkata.problems.catalog import get_problem

    cards = questions(get_problem(rnd.problem_id))["gotchas"]
    if len(ratings) != len(cards):
        raise ValueError(f"{len(cards)} gotchas, {len(ratings)} ratings")
    for rating in ratings:
        if rating is not None and rating not in schedule.RATINGS:
            raise MlkataError(f"A rating is one of {', '.join(schedule.RATINGS)}, not {rating!r}.")
    rated = [{"id": g["id"], "rating": r} for g, r in zip(cards, ratings, strict=True)]
    store.update_round(rnd.round_id, rnd.problem_id, {"gotchas_rated": True, "gotcha_ratings": rated})
    return rated


# ---- hooks (mlkata.practice)

def check_notes(store, rnd, problem, report, path) -> list[str]:
    """A passing check of the drill file within the clock ends the drill and rates the card."""
    target = rnd.data.get("path")
    if not review.same_file(path, target):
        return [f"A drill of {problem.id} is open: its file is {target} (this check is not part of it)."]
    if store.read_only is not None:
        return ["The store is read-only: this check could not count towards the open drill."]
    recorded = [c for c in store.history(problem.id, limit=20)
                if c.time >= rnd.started_at and review.same_file(c.path, target)]
    at = recorded[0].time if recorded else None
    if at is not None and at > rnd.data["deadline"]:
        return [f"The drill's {MINUTES} minutes ran out: `mlkata drill` closes it (rated Again)."]
    if not report.passed:
        passed = sum(c.passed for c in report.checks)
        left = rnd.data["deadline"] - (at if at is not None else rnd.started_at)
        return [f"Drill {problem.id}: {passed}/{len(report.checks)} checks pass, {_mmss(left)} left. "
                "Keep going, or `mlkata drill --give-up` (rated Again)."]
    if not recorded or not recorded[0].passed:
        return ["This check was not recorded, so the drill stays open: check again once the store works."]
    done = finish(store, rnd, problem, evidence(store, rnd, problem, True, at, [m.id for m in report.mistakes]),
                  at, "solved")
    return [f"Drill {problem.id} done in {_mmss(done['seconds'])}: rated {done['rating']} ({done['why']}). "
            f"Next review due {time.strftime('%Y-%m-%d', time.localtime(done['due']))}.",
            f"{done['question']} Then `mlkata drill` shows the answers."]
