"""`mlkata assess`: the seven-skill self-assessment (library: mlkata.practice.assess; this module prints)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from mlkata.cli import render, session
from mlkata.practice import assess as skills
from mlkata.problems.catalog import all_problems

console = Console()
errors = Console(stderr=True)


def _evidence(ev: dict) -> str:
    parts = [f"{ev['solved']}/{ev['problems']} solved ({', '.join(ev['tracks'])})"] if ev["tracks"] else []
    parts += [f"{n} {mode} round(s)" for mode, n in ev["rounds"].items()]
    return "; ".join(parts) or "nothing mlkata measures"


def _render(data: dict) -> None:
    table = Table(title=f"Self-assessment ({data['assessments']} recorded)", title_justify="left")
    for column in ("skill", "now", "before", "measured"):
        table.add_column(column)
    for row in data["skills"]:
        now = "-" if row["rating"] is None else str(row["rating"]) + (" [red]weak[/]" if row["weak"] else "")
        before = " ".join(str(h["rating"]) for h in row["history"][:-1]) or "-"
        table.add_row(f"{row['name']} [dim]({row['id']})[/]", now, before, _evidence(row["evidence"]))
    console.print(table)
    console.print("[bold]Levels[/] (2 and 4 lie between)")
    for row in data["skills"]:
        levels = "; ".join(f"{k}: {text}" for k, text in row["levels"].items())
        console.print(f" {row['id']}: {levels}", highlight=False)
    if not data["assessments"]:
        console.print("Rate yourself: mlkata assess --rate math=3 --rate coding=4 ... (1 weak, 5 strong)")


def assess(
    rate: Annotated[list[str] | None, typer.Option("--rate", help="Record a rating, SKILL=N with N from 1 to 5 "
                                                                 "(repeat for several skills).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print exactly one JSON object.")] = False,
) -> None:
    """The seven-skill self-assessment: rate each 1-5 against its descriptions, beside what mlkata measured."""
    with session.open_store(read_only_ok=not rate) as store:
        recorded = None
        if rate:
            recorded = skills.record(store, skills.parse(rate, skills.load()))
        data = skills.table(store, all_problems()) | {"recorded": recorded}
        if as_json:
            typer.echo(json.dumps(data | {"warnings": list(store.warnings)}, default=str))
            return
        if recorded:
            console.print(f"Recorded at {datetime.now():%Y-%m-%d %H:%M}.", highlight=False)
        _render(data)
        for message in store.warnings:
            render.warning(errors, message)
