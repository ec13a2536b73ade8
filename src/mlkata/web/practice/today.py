"""Today's queue and spaced-repetition reviews, as `mlkata today` and `mlkata review` give them."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path

from mlkata.cli import session
from mlkata.errors import MlkataError
from mlkata.practice import mock, schedule
from mlkata.practice import review as review_mode
from mlkata.practice import today as queue_mode
from mlkata.problems.catalog import all_problems, get_problem
from mlkata.web import files, practice
from mlkata.web.practice.rounds import MODES, open_round, starting


def _start_action(item: queue_mode.Item, open_review: str | None) -> dict:
    """What the page's button for a queue item does."""
    if item.kind == "new":
        return {"label": "Open", "href": f"/problems/{item.problem_id}"}
    if item.kind == "review":
        label = "Resume review" if open_review == item.problem_id else "Start review"
        return {"label": label, "post": "/api/practice/review/start", "body": {"problem": item.problem_id},
                "then": "/practice/review"}
    return {"label": "Start debug round", "post": "/api/practice/debug/start", "body": {"problem": item.problem_id},
            "then": "/practice/debug"}


def today_data(minutes: int = queue_mode.DEFAULT_MINUTES) -> dict:
    """`mlkata today`: the queue under a budget, today's plan items, the weak tracks, and the open rounds."""
    from mlkata.practice import assess, plan

    with session.open_store(read_only_ok=True) as store:
        at = practice.now()
        weak = frozenset(assess.weak_tracks(store))
        queue = queue_mode.build(store, all_problems(), at, minutes, write=store.read_only is None, weak=weak)
        planned = plan.today_items(store, date.fromtimestamp(at))
        rounds = {mode: open_round(store, mode) for mode in MODES}
        warnings = list(store.warnings)
    review = rounds["review"].problem_id if rounds["review"] else None
    items = [asdict(i) | {"action": _start_action(i, review)} for i in queue.items]
    return {**queue.to_json(), "items": items, "plan": planned, "weak_tracks": sorted(weak),
            "open": {mode: None if r is None else {"problem": r.problem_id, "started_at": r.started_at,
                                                   "href": f"/practice/{mode}"} for mode, r in rounds.items()},
            "warnings": warnings}


def review_start(workspace: Path, problem_id: str | None = None) -> dict:
    """`mlkata review [ID]`: resume the open review, or start one of a solved problem, or today's first item
    (a new problem is started as `mlkata start` does, then opened on its page; a debug round is started as
    `mlkata debug` does)."""
    from mlkata.practice import assess
    from mlkata.web.practice.debug import debug_start

    debug_id = new_id = None
    with starting, session.open_store() as store:
        schedule.sync(store, all_problems().values())  # as `mlkata review`: first cards of plain solves
        rnd = review_mode.open_round(store, problem_id)
        if rnd is not None:
            return {"action": "resume", **review_mode.round_json(rnd, get_problem(rnd.problem_id)),
                    "href": "/practice/review"}
        if problem_id is not None and not store.solved(get_problem(problem_id).id):
            raise MlkataError(f"{problem_id} is not solved yet, so there is nothing to review: start it on its "
                              "page.")
        if problem_id is None:
            queue = queue_mode.build(store, all_problems(), practice.now(), queue_mode.DEFAULT_MINUTES,
                                     weak=frozenset(assess.weak_tracks(store)))
            if not queue.items:
                return {"action": "nothing", "message": "Nothing to do today: no review is due and no problem is new."}
            first = queue.items[0]
            if first.kind == "new":
                new_id = first.problem_id
            elif first.kind == "debug":
                debug_id = first.problem_id
            else:
                problem_id = first.problem_id
        if debug_id is None and new_id is None:
            started = review_mode.start(store, get_problem(problem_id), workspace)
            return {"action": "review", **started, "href": "/practice/review"}
    if new_id is not None:  # as `mlkata start` (an existing file is kept and resumed), then its page
        problem = get_problem(new_id)
        resumed = files.path_of(workspace, problem).exists()
        if not resumed:
            files.start(workspace, problem)
        return {"action": "resume" if resumed else "new", "problem_id": new_id, "href": f"/problems/{new_id}"}
    return {"action": "debug", **debug_start(workspace, debug_id)}


def review_state(workspace: Path) -> dict:
    """The open review (its problem, clock and budget), else the latest one ended."""
    with session.open_store(read_only_ok=True) as store:
        rounds = store.rounds(review_mode.MODE)
    if not rounds:
        return {"round": None}
    rnd = rounds[0]
    problem = get_problem(rnd.problem_id)
    data = review_mode.round_json(rnd, problem) | {"open": rnd.open, "outcome": rnd.outcome,
                                                   "elapsed": mock.elapsed(rnd, practice.now())}
    for key in ("rating", "why", "due"):
        if key in rnd.data:
            data[key] = rnd.data[key]
    if "due" in data:
        data["due_text"] = review_mode.due_text(data["due"])
    return {"round": data}


def review_give_up() -> dict:
    """`mlkata review --give-up`: the open review ends as not passed (rated Again)."""
    with session.open_store() as store:
        done = review_mode.give_up(store, None, practice.now())
    return {"action": "gave-up", **done,
            "message": f"Review of {done['problem_id']} ended: rated {done['rating']} ({done['why']}). "
                       f"Next review due {review_mode.due_text(done['due'])}."}
