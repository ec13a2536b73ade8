"""`mlkata plan`: the study plan (start, show, tick items). Library: mlkata.practice.plan; this module prints."""

from __future__ import annotations

import json
import time
from datetime import date, datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from mlkata.cli import render, session
from mlkata.cli.typer_base import Command, Group, Json
from mlkata.errors import MlkataError
from mlkata.practice import plan as study_plan

console = Console()
errors = Console(stderr=True)
app = typer.Typer(cls=Group, help="The 10-week study plan: this week's goal, today's items, the milestone checklist.",
                  invoke_without_command=True)

MARK = {"done": "[green]done[/]", "todo": "todo", "missed": "[yellow]missed[/]"}


def today() -> date:
    """The CLI's calendar (tests pass --on instead)."""
    return datetime.fromtimestamp(time.time()).date()


def _date(text: str | None, option: str) -> date:
    if text is None:
        return today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise MlkataError(f"{option} takes a date as YYYY-MM-DD, not {text!r}.") from None


def _emit(data: dict, store) -> None:
    typer.echo(json.dumps(data | {"warnings": list(store.warnings)}, default=str))


def _warn(store) -> None:
    for message in store.warnings:
        render.warning(errors, message)


def _show(view: dict) -> None:
    if not view["started"]:
        console.print(f"The plan starts on {view['start']} ({view['length']} weeks).", highlight=False)
        return
    week = view["weeks"][view["week"] - 1]
    console.print(f"[bold]Week {week['week']} of {view['length']}[/] (from {week['start']}; plan ends "
                  f"{view['end']})", highlight=False)
    for goal in week["goals"]:
        console.print(f"Goal: {goal}", highlight=False)
    if view["finished"]:
        console.print("The plan is over: `mlkata plan start` begins a new one.")
    table = Table(title=f"Today, {view['today']}", title_justify="left")
    for column in ("id", "kind", "item", "state"):
        table.add_column(column)
    for item in view["today_items"]:
        text = item["text"] + (f" (mlkata start {item['problem']})" if item["problem"] else "")
        table.add_row(item["id"], item["kind"], text, MARK[item["state"]])
    if view["today_items"]:
        console.print(table)
    else:
        console.print("No plan items today.")
    console.print("[bold]Milestones[/]")
    for m in week["milestones"]:
        box = "[green]x[/]" if m["state"] == "done" else " "
        why = f" [dim]({m['evidence']})[/]" if m["evidence"] else ""
        console.print(f" [{box}] {m['id']}  {m['text']}{why}", highlight=False)
    counts = ", ".join(f"{key} {week['done'][key]}/{n}" for key, n in week["targets"].items())
    console.print(f"This week's practice, done against planned: {counts}", highlight=False)
    console.print("[dim]Tick an item or milestone: mlkata plan done ID[/]")


@app.callback()
def plan(ctx: typer.Context,
         on: Annotated[str | None, typer.Option("--on", help="Show the plan as of this date (YYYY-MM-DD).")] = None,
         as_json: Json = False) -> None:
    """Show the plan: this week's goal, today's items, the milestones and the practice counts."""
    if ctx.invoked_subcommand is not None:
        return
    with session.open_store(read_only_ok=True) as store:
        view = study_plan.view(store, _date(on, "--on"))
        if as_json:
            _emit(view, store)
            return
        _show(view)
        _warn(store)


@app.command(cls=Command)
def start(start_date: Annotated[str | None, typer.Option("--date", help="First day (YYYY-MM-DD, default "
                                                                        "today).")] = None,
          weeks: Annotated[int, typer.Option("--weeks", help="Length: 10, or 6 or 4 (the same path, "
                                                              "compressed).")] = 10,
          as_json: Json = False) -> None:
    """Start the plan (a plan already running is replaced)."""
    with session.open_store() as store:
        data = study_plan.start(store, _date(start_date, "--date"), weeks)
        if as_json:
            _emit(data, store)
            return
        console.print(f"Plan started: {data['weeks']} weeks from {data['start']}. `mlkata plan` shows today.",
                      highlight=False)
        _warn(store)


@app.command(cls=Command)
def done(item: Annotated[str, typer.Argument(help="Item or milestone id, e.g. w1-3 or w2-m1.")],
         undo: Annotated[bool, typer.Option("--undo", help="Untick it.")] = False,
         as_json: Json = False) -> None:
    """Tick a plan item or milestone by hand (problem items tick themselves when the problem passes)."""
    with session.open_store() as store:
        data = study_plan.tick(store, item, time.time(), undo)
        if as_json:
            _emit(data, store)
            return
        console.print(f"{'Unticked' if undo else 'Done'}: {data['id']} {data['text']}", highlight=False)
        _warn(store)
