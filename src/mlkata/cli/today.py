"""`mlkata today` and `mlkata review`: the daily queue and spaced-repetition reviews (registered in main.py)."""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from mlkata.cli import session
from mlkata.errors import MlkataError
from mlkata.practice import review as review_mode
from mlkata.practice import schedule
from mlkata.practice import today as queue_mode
from mlkata.problems.catalog import all_problems, get_problem

console = Console()
errors = Console(stderr=True)

AsJson = Annotated[bool, typer.Option("--json", help="Print exactly one JSON object.")]


def _emit(as_json: bool, data: dict, lines: list[str], warnings: list[str]) -> None:
    if as_json:
        typer.echo(json.dumps(data | {"warnings": warnings}, default=str))
    else:
        for line in lines:
            console.print(line, highlight=False)
    for w in warnings:
        errors.print(f"[yellow]warning:[/] {w}", highlight=False)


def _table(queue: queue_mode.Queue) -> Table:
    table = Table(title=f"Today: {queue.planned} of {queue.minutes} min planned", title_justify="left")
    for column in ("#", "problem", "min", "why", "command"):
        table.add_column(column, justify="right" if column in ("#", "min") else "left", no_wrap=column == "command")
    for n, item in enumerate(queue.items, 1):
        table.add_row(str(n), item.problem_id, str(item.minutes), item.why, item.command)
    return table


def today(
    minutes: Annotated[int, typer.Option("--minutes", help="Today's budget in minutes.")] = queue_mode.DEFAULT_MINUTES,
    as_json: AsJson = False,
) -> None:
    """Today's queue: reviews due, then new problems along the study path, then one debug round."""
    from mlkata.practice import assess, plan

    with session.open_store(read_only_ok=True) as store:
        now = time.time()
        weak = frozenset(assess.weak_tracks(store))
        queue = queue_mode.build(store, all_problems(), now, minutes, write=store.read_only is None, weak=weak)
        planned = plan.today_items(store, datetime.fromtimestamp(now).date())
        warnings = list(store.warnings)
    if as_json:
        _emit(True, queue.to_json() | {"plan": planned, "weak_tracks": sorted(weak)}, [], warnings)
        return
    if queue.items:
        console.print(_table(queue))
        console.print(f"Start with [bold]mlkata review[/] (it starts item 1: {queue.items[0].command}).")
    else:
        console.print("Nothing to do today: every problem is scheduled and none is due.")
    if queue.deferred:
        console.print(f"[dim]{len(queue.deferred)} more left out by the budget (--minutes to raise it).[/]")
    for item in planned:  # today's items of the study plan (`mlkata plan`)
        state = "done" if item["state"] == "done" else "todo"
        console.print(f"plan {item['id']} ({item['kind']}, {state}): {item['text']}", highlight=False)
    _emit(False, {}, [], warnings)


def _start_new(store, problem) -> dict:
    """Start a plain attempt at `problem` as `mlkata start` does (an existing file is kept and resumed)."""
    workspace = session.find_workspace().absolute()
    target = workspace / problem.starter_filename
    if target.exists():
        return {"action": "resume", "problem_id": problem.id, "path": str(target), "minutes": problem.minutes,
                "message": f"{target} exists: keep working on it (`mlkata check {problem.id}`)."}
    session.start_in(store, problem, workspace)
    return {"action": "new", "problem_id": problem.id, "path": str(target), "minutes": problem.minutes,
            "message": f"Starter written to {target}. The clock is running ({problem.minutes} min budget)."}


def _start_review(store, problem) -> dict:
    started = review_mode.start(store, problem)
    return {"action": "review", **started,
            "message": f"Re-implement {problem.id} from scratch in {started['path']} ({problem.minutes} min "
                       f"budget); your earlier file is untouched. A passing `mlkata check {started['path']}` "
                       "ends the review and schedules the next one."}


def _next(store, problem_id: str | None) -> dict:
    """What `mlkata review` does: resume the open review, or start `problem_id`'s, or today's first item."""
    rnd = review_mode.open_round(store, problem_id)
    if rnd is not None:
        problem = get_problem(rnd.problem_id)
        minutes = (time.time() - rnd.started_at) / 60
        return {"action": "resume", **review_mode.round_json(rnd, problem),
                "message": f"The review of {problem.id} is open ({minutes:.0f} of {problem.minutes} min used): "
                           f"check {rnd.data.get('path')}, or `mlkata review --give-up`."}
    if problem_id is not None:
        problem = get_problem(problem_id)
        if not store.solved(problem.id):
            raise MlkataError(f"{problem.id} is not solved yet, so there is nothing to review: "
                              f"`mlkata start {problem.id}`.")
        return _start_review(store, problem)
    from mlkata.practice import assess

    queue = queue_mode.build(store, all_problems(), time.time(), queue_mode.DEFAULT_MINUTES,
                             weak=frozenset(assess.weak_tracks(store)))
    if not queue.items:
        return {"action": "nothing", "message": "Nothing to do today: no review is due and no problem is new."}
    first = queue.items[0]
    problem = get_problem(first.problem_id)
    if first.kind == "review":
        return _start_review(store, problem)
    if first.kind == "new":
        return _start_new(store, problem)
    return {"action": "debug", "problem_id": problem.id, "minutes": first.minutes,
            "message": f"No review is due and no new problem fits: a fix-the-bug round of {problem.id}."}


def review(
    problem_id: Annotated[str | None, typer.Argument(help="Review this problem (default: today's first item).")] = None,
    give_up: Annotated[bool, typer.Option("--give-up", help="End the open review as not passed (rated "
                                                            "Again).")] = False,
    as_json: AsJson = False,
) -> None:
    """Start today's first item: a review due (re-implement in review/<id>.py), else the next new problem."""
    from mlkata.store import StoreError

    try:
        store = session.open_store()
    except StoreError as exc:
        raise MlkataError(f"{exc} A review needs a writable store.") from None
    with store:
        schedule.sync(store, all_problems().values())  # first cards of plain solves, before any review moves them
        if give_up:
            done = review_mode.give_up(store, problem_id, time.time())
            data = {"action": "gave-up", **done,
                    "message": f"Review of {done['problem_id']} ended: rated {done['rating']} ({done['why']}). "
                               f"Next review due {review_mode.due_text(done['due'])}."}
        else:
            data = _next(store, problem_id)
        warnings = list(store.warnings)
    if data["action"] == "debug":  # today's first item is a fix-the-bug round: `mlkata debug` starts it
        from mlkata.cli import debug as debug_cli

        if not as_json:
            console.print(data["message"], highlight=False)
        debug_cli.debug(problem_id=data["problem_id"], seed=None, bugs=None, status=False, abandon=False,
                        as_json=as_json)
        return
    lines = [data["message"]]
    if data["action"] in ("review", "new") and not as_json:
        lines.append(f"Statement: {Path(data['path']).with_suffix('.md')}")
    _emit(as_json, data, lines, warnings)
