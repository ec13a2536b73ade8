"""`mlkata debug [ID]`: a fix-the-bug round (library: mlkata.practice.debug; this module parses and prints)."""

from __future__ import annotations

import contextlib
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from mlkata.cli import render, session
from mlkata.errors import MlkataError
from mlkata.practice import debug as rounds
from mlkata.problems.catalog import get_problem

console = Console()
errors = Console(stderr=True)


def debug(
    problem_id: Annotated[str | None, typer.Argument(help="Problem id (default: one drawn for you).")] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Draw the round from this seed (same seed, "
                                                            "same bugs).")] = None,
    bugs: Annotated[int | None, typer.Option("--bugs", help="How many bugs to inject, 1 to 3 (default: 2 or 3).",
                                             min=1, max=3)] = None,
    status: Annotated[bool, typer.Option("--status", help="Show the open round.")] = False,
    abandon: Annotated[bool, typer.Option("--abandon", help="End the open round unsolved.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print exactly one JSON object.")] = False,
) -> None:
    """Fix-the-bug round: the model answer with 1-3 classic mistakes injected, a symptom and a shorter clock."""
    with session.open_store() as store:
        current = rounds.open_round(store)
        if abandon:
            if current is None:
                raise MlkataError("No debug round is open.")
            _show(rounds.summary(rounds.abandon(store, current), "abandoned"), as_json, store.warnings)
            return
        if status or (current is not None and problem_id in (None, current.problem_id)):
            if current is None:
                _show({"round": None, "message": "No debug round is open: `mlkata debug` starts one."},
                      as_json, store.warnings)
                return
            _show(rounds.summary(current, "open"), as_json, store.warnings)
            return
        if current is not None:
            raise MlkataError(f"A debug round of {current.problem_id} is open: finish it, or end it with "
                              "`mlkata debug --abandon`.")
        past = store.rounds(mode=rounds.MODE)
        seed = len(past) if seed is None else seed
        problem = get_problem(problem_id) if problem_id else rounds.draw(store, past, seed)
        with contextlib.nullcontext() if as_json else console.status(f"Composing a round of {problem.id}..."):
            rnd = rounds.build(problem, seed=seed, bugs=bugs)  # judges candidates: up to ~30 s on hard problems
        path = session.find_workspace() / "debug" / problem.starter_filename
        started = rounds.start(store, rnd, path)
        _show(rounds.summary(started, "open"), as_json, store.warnings, fresh=True)


def _show(summary: dict, as_json: bool, warnings: list[str], fresh: bool = False) -> None:
    if as_json:
        typer.echo(json.dumps(summary))
    elif summary.get("round_id") is None:
        console.print(summary["message"], highlight=False)
    else:
        console.print(_panel(summary, fresh))
        if summary["state"] == "open":  # outside the panel, unwrapped: the path is copied from here
            console.print(f"File: {summary['path']}\nCheck it with `mlkata check {summary['path']}`; "
                          f"`mlkata hint {summary['problem']}` names one bug (recorded); "
                          "`mlkata debug --abandon` gives up.", soft_wrap=True, highlight=False, markup=False)
    for message in warnings:
        render.warning(errors, message)


def _panel(s: dict, fresh: bool) -> Panel:
    budget = s["minutes"] * 60
    lines = [s["story"], ""]
    if s["state"] == "open":
        lines += [f"Clock: {render.clock(s['elapsed_seconds'])} of {render.clock(budget)}"
                  f"{'' if s['elapsed_seconds'] <= budget else ' (over time)'}",
                  f"Bugs injected: {s['bugs']}" + ("" if fresh else f", remaining at the last check: {s['remaining']}")]
    else:
        lines.append(f"Round {s['state']} after {render.clock(s['elapsed_seconds'])}.")
    if s["hints_named"]:
        lines.append("Named by hints: " + "; ".join(s["hints_named"]))
    title = f"Debug round: {s['problem']}" + (" (new)" if fresh else "")
    return Panel(Text("\n".join(lines)), title=title, expand=False)
