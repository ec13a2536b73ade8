"""`mlkata paper`: the reading list and clocked paper-summary rounds (library: mlkata.practice.paper)."""

from __future__ import annotations

import json
import sys
import time
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from mlkata.cli import render, session
from mlkata.errors import MlkataError
from mlkata.practice import paper as papers

console = Console()
errors = Console(stderr=True)
ASK = {"s": "strong", "l": "lean", "n": "no_hire"}


def now() -> float:
    """The CLI's clock (tests may replace it)."""
    return time.time()


def interactive() -> bool:
    return sys.stdin.isatty()


def paper(
    paper_id: Annotated[str | None, typer.Argument(help="A paper id to start a round on, or `submit` to hand in "
                                                        "the open round's summary.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="Show the reading list.")] = False,
    read: Annotated[bool, typer.Option("--read", help="Show the papers read (summaries submitted).")] = False,
    abandon: Annotated[bool, typer.Option("--abandon", help="End the open round without recording a summary.")] = False,
    grade: Annotated[list[str] | None, typer.Option("--grade", help="With submit: a self-grade, part=strong|lean|"
                                                    "no_hire, once per part (asked on a terminal).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print exactly one JSON object.")] = False,
) -> None:
    """Paper discussion rounds: summarise a paper in five parts against a clock, then grade yourself."""
    if list_:
        _list(as_json)
        return
    with session.open_store(read_only_ok=read or (paper_id is None and not abandon)) as store:
        current = papers.open_round(store)
        if read:
            _read(store, as_json)
        elif abandon:
            if current is None:
                raise MlkataError("No paper round is open.")
            store.end_round(current.round_id, current.problem_id, "abandoned")
            _show(papers.result(store.round(current.round_id)), as_json)
        elif paper_id == "submit":
            if current is None:
                raise MlkataError("No paper round is open: `mlkata paper ID` starts one.")
            grades = papers.parse_grades(grade or [])
            if not as_json and interactive():
                grades = _ask(grades)
            _show(papers.submit(store, current, grades), as_json)
        elif paper_id is None:
            if current is None:
                _emit({"round": None, "message": "No paper round is open: `mlkata paper ID` starts one "
                                                 "(`mlkata paper --list` for the ids)."}, as_json)
            else:
                _show(papers.result(current), as_json)
        else:
            chosen = papers.get_paper(paper_id)
            round_id = papers.start(store, chosen, session.find_workspace())
            _show(papers.result(store.round(round_id)), as_json)
        for message in store.warnings:
            render.warning(errors, message)


def _ask(grades: dict[str, str]) -> dict[str, str]:
    """On a terminal: each part not yet graded, with what a strong answer covers."""
    for name, part in papers.parts().items():
        if name in grades:
            continue
        console.print(f"[bold]{part['title']}[/] - strong: {part['strong']}", highlight=False)
        answer = ""
        while answer not in ASK:
            answer = typer.prompt("  your grade: strong, lean or no hire [s/l/n]").strip().lower()[:1]
        grades[name] = ASK[answer]
    return grades


def _emit(data: dict, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(data, default=str))
    else:
        console.print(data["message"], highlight=False)


def _list(as_json: bool) -> None:
    entries = [p.to_json() for p in papers.papers()]
    if as_json:
        counts = {c: sum(p["category"] == c for p in entries) for c in papers.CATEGORIES}
        typer.echo(json.dumps({"papers": entries, "counts": counts, "parts": papers.parts(),
                               "minutes": papers.minutes()}))
        return
    table = Table(title="Reading list")
    for column in ("id", "paper", "year", "category", "why it matters"):
        table.add_column(column)
    for p in entries:
        table.add_row(p["id"], f"{p['title']}\n[dim]{p['authors']}[/]", str(p["year"]), p["category"], p["why"])
    console.print(table)


def _read(store, as_json: bool) -> None:
    entries = papers.read(store)
    if as_json:
        typer.echo(json.dumps({"read": entries, "count": papers.papers_read(store)}))
        return
    if not entries:
        console.print("No papers read yet: `mlkata paper ID` starts a round.")
        return
    table = Table(title=f"Papers read: {papers.papers_read(store)}")
    for column in ("paper", "self-grade", "when"):
        table.add_column(column)
    for e in entries:
        when = time.strftime("%Y-%m-%d", time.localtime(e["ended_at"]))
        table.add_row(e["paper"], e["grade"].replace("_", " "), when)
    console.print(table)


def _show(out: dict, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(out, default=str))
        return
    chosen = papers.get_paper(out["paper"])
    console.print(f"[bold]{chosen.title}[/] ({chosen.authors}, {chosen.year})", highlight=False)
    budget = out["minutes"] * 60
    if out["ended_at"] is None:
        spent = now() - out["started_at"]
        late = " (over time)" if spent > budget else ""
        console.print(f"Clock: {render.clock(spent)} of {render.clock(budget)}{late}", highlight=False)
        console.print(f"Focus: {chosen.focus}", highlight=False)
        console.print(f"Summary file: {out['path']}\nWrite under each heading, then `mlkata paper submit` "
                      "(`--grade part=strong|lean|no_hire` per part without a terminal).",
                      soft_wrap=True, highlight=False, markup=False)
        return
    console.print(f"Round {out['outcome']} after {render.clock(out['seconds'])}"
                  f"{' (over time)' if out['over_time'] else ''}.", highlight=False)
    if out["outcome"] != "read":
        return
    console.print(f"Self-grade: {out['grade'].replace('_', ' ')}", highlight=False)
    for name, part in papers.parts().items():
        blank = " (left blank)" if name in out["blank"] else ""
        console.print(f"[bold]{part['title']}[/]: {out['grades'][name].replace('_', ' ')}{blank}", highlight=False)
        console.print(f"  a strong answer: {part['strong']}", highlight=False, markup=False)
