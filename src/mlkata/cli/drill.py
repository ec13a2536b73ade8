"""`mlkata drill`: the eight most-asked coding questions against a 10-minute clock, then their
numerical-stability gotchas (registered in main.py). Takes --json; without a terminal nothing waits."""

from __future__ import annotations

import json
import sys
import time
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from mlkata.cli import session
from mlkata.errors import MlkataError
from mlkata.practice import drill as drill_mode
from mlkata.problems.catalog import get_problem

console = Console()
errors = Console(stderr=True)
RATING_KEYS = {"a": "Again", "h": "Hard", "g": "Good", "e": "Easy"}


def now() -> float:
    """The CLI's clock (tests replace it, and open_store, to drive time)."""
    return time.time()


def open_store():
    return session.open_store()


def interactive() -> bool:
    return sys.stdin.isatty()


def _ask_ratings(cards: dict) -> list[str | None]:
    """Show each gotcha's prompt, then its answer, and ask for a self-rating (Enter: unrated)."""
    console.print(f"\n[bold]{cards['question']}[/] Say them, then compare.", highlight=False)
    ratings: list[str | None] = []
    for i, g in enumerate(cards["gotchas"], 1):
        console.print(f"\n{i}. {g['prompt']}", markup=False, highlight=False)
        typer.prompt("   Enter to see the answer", default="", show_default=False)
        console.print(f"   {g['answer']}", markup=False, highlight=False)
        key = typer.prompt("   Rate it: [a]gain [h]ard [g]ood [e]asy (Enter: unrated)", default="",
                           show_default=False).strip().lower()[:1]
        ratings.append(RATING_KEYS.get(key))
    return ratings


def _gotchas(store, ask: bool) -> dict | None:
    """The pending gotcha cards of the last drill, rated in a terminal or recorded unrated."""
    rnd = drill_mode.pending(store)
    if rnd is None:
        return None
    cards = drill_mode.questions(get_problem(rnd.problem_id))
    ratings = _ask_ratings(cards) if ask else [None] * len(cards["gotchas"])
    return {"problem_id": rnd.problem_id, **cards, "ratings": drill_mode.rate_gotchas(store, rnd, ratings)}


def _ended_line(ended: dict) -> str:
    how = {"solved": "done", "gave-up": "given up", "timed-out": "out of time"}.get(ended["outcome"], ended["outcome"])
    due = time.strftime("%Y-%m-%d", time.localtime(ended["due"]))
    return (f"Drill {ended['problem_id']} {how}: rated {ended['rating']} ({ended['why']}). "
            f"Next review due {due}.")


def _list(store, at: float, as_json: bool) -> None:
    rows = drill_mode.listing(store)
    rnd = drill_mode.open_round(store)
    current = drill_mode.round_json(rnd, at) if rnd else None
    if as_json:
        typer.echo(json.dumps({"drills": rows, "open": current, "warnings": list(store.warnings)}, default=str))
        return
    table = Table(title=f"Drills: {drill_mode.MINUTES} minutes each, then two gotchas", title_justify="left")
    for column in ("problem", "gotchas", "drills", "last"):
        table.add_column(column)
    for r in rows:
        last = "" if r["last_outcome"] is None else f"{r['last_outcome']} {r['last_rating'] or ''}".strip()
        table.add_row(r["problem_id"], str(r["gotchas"]), str(r["drills"]), last)
    console.print(table)


def drill(
    problem_id: Annotated[str | None, typer.Argument(help="Drill this problem (default: the one drilled "
                                                          "longest ago).")] = None,
    give_up: Annotated[bool, typer.Option("--give-up", help="End the open drill as not passed (rated "
                                                            "Again).")] = False,
    list_: Annotated[bool, typer.Option("--list", help="List the drills and how they went.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print exactly one JSON object.")] = False,
) -> None:
    """A 10-minute drill of a most-asked question in drill/<id>.py; `mlkata check` it. When it ends, its
    numerical-stability gotchas (self-rated in a terminal), and the problem's review card moves."""
    from mlkata.store import StoreError

    if problem_id is not None and problem_id not in drill_mode.DRILLS:
        get_problem(problem_id)  # an unknown id gets the catalogue's own message
        raise MlkataError(f"{problem_id} is not a drill; drills: {', '.join(drill_mode.DRILLS)}.")
    try:
        store = open_store()
    except StoreError as exc:
        raise MlkataError(f"{exc} A drill needs a writable store.") from None
    with store:
        at = now()
        if list_:
            _list(store, at, as_json)
            return
        ended = drill_mode.settle_expired(store, at)
        if give_up and ended is None:
            ended = drill_mode.give_up(store, at)
        cards = _gotchas(store, ask=interactive() and not as_json)
        rnd = drill_mode.open_round(store)
        data: dict = {"ended": ended, "gotchas": cards, "drill": None}
        if give_up:
            data["action"] = "gave-up"
        elif rnd is not None:
            if problem_id not in (None, rnd.problem_id):
                raise MlkataError(f"A drill of {rnd.problem_id} is open: finish it with a passing check or "
                                  "`mlkata drill --give-up` first.")
            data |= {"action": "resume", "drill": drill_mode.round_json(rnd, at)}
        elif problem_id is None and cards is not None:
            data["action"] = "gotchas"
        else:
            problem = get_problem(problem_id or drill_mode.pick(store))
            data |= {"action": "started", "drill": drill_mode.start(store, problem, session.find_workspace(), at)}
        warnings = list(store.warnings)
    if as_json:
        typer.echo(json.dumps(data | {"warnings": warnings}, default=str))
    else:
        _show(data, cards_shown=interactive())
    for w in warnings:
        errors.print(f"[yellow]warning:[/] {w}", highlight=False)


def _show(data: dict, cards_shown: bool) -> None:
    if data["ended"] is not None:
        console.print(_ended_line(data["ended"]), highlight=False)
    cards = data["gotchas"]
    if cards is not None and not cards_shown:  # no terminal: the cards are printed, recorded unrated
        console.print(f"\n[bold]{cards['question']}[/]", highlight=False)
        for i, g in enumerate(cards["gotchas"], 1):
            console.print(f"{i}. {g['prompt']}\n   {g['answer']}", markup=False, highlight=False)
        console.print("(no terminal: recorded unrated)", style="dim")
    if cards is not None and cards_shown:
        rated = sum(r["rating"] is not None for r in cards["ratings"])
        console.print(f"\n{rated} of {len(cards['ratings'])} gotchas rated.", highlight=False)
    d = data["drill"]
    if d is None:
        return
    left = drill_mode._mmss(d["remaining"])
    verb = "started" if data["action"] == "started" else "open"
    console.print(f"\n[bold]Drill {verb}[/]: {d['problem_id']} · {left} on the clock. "
                  f"Your file: [bold]{d['path']}[/]  Check it with [bold]mlkata check {d['path']}[/]; "
                  "a passing check ends the drill.", soft_wrap=True, highlight=False)
    if data["action"] == "started":
        console.print(f"Statement: {d['path'][:-3]}.md", soft_wrap=True, highlight=False)

