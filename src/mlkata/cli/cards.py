"""`mlkata cards`: fundamentals flashcards scheduled with FSRS (study, rate, list, export). Every command
takes --json and never waits for input without a terminal."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from mlkata.cli import session
from mlkata.cli.typer_base import Command, Group, Json
from mlkata.errors import MlkataError
from mlkata.study import cards as deck

console = Console()
errors = Console(stderr=True)
app = typer.Typer(cls=Group, help="Fundamentals flashcards, scheduled with FSRS as in Anki.")

Tag = Annotated[str | None, typer.Option("--tag", help="Only the cards with this tag (a topic or a problem id).")]
KEYS = {"1": "Again", "2": "Hard", "3": "Good", "4": "Easy", "a": "Again", "h": "Hard", "g": "Good", "e": "Easy"}


def now() -> float:
    """The CLI's clock (tests replace it, and open_store, to drive time)."""
    return time.time()


def interactive() -> bool:
    """Whether a person can answer prompts (tests replace it)."""
    return sys.stdin.isatty()


def open_store(read_only_ok: bool = False):
    return session.open_store(read_only_ok=read_only_ok, note="Ratings are not recorded until then.")


def _emit(data: dict, warnings: list[str]) -> None:
    typer.echo(json.dumps(data | {"warnings": warnings}, default=str))


def _when(t: float) -> str:
    return datetime.fromtimestamp(t).strftime("%Y-%m-%d %H:%M")


def _study(store, due: list) -> int:
    """Show each card's front, its back on Enter, then ask for the rating; returns how many were rated."""
    rated = 0
    for n, (card, _) in enumerate(due, 1):
        console.rule(f"{n}/{len(due)}  {card.id}  [dim]{' '.join(card.tags)}[/]")
        console.print(card.front, highlight=False, markup=False)
        if input("  (Enter shows the answer, q quits) ").strip().lower() == "q":
            break
        console.print(card.back, style="cyan", highlight=False, markup=False)
        answer = input("  Rate: 1 Again, 2 Hard, 3 Good, 4 Easy (q quits): ").strip().lower()
        while answer not in KEYS and answer != "q":
            answer = input("  1, 2, 3, 4 or q: ").strip().lower()
        if answer == "q":
            break
        result = deck.rate(store, card.id, KEYS[answer], now())
        rated += 1
        console.print(f"  {result['rating']}: next {_when(result['due'])}", style="dim", highlight=False)
    return rated


@app.callback(invoke_without_command=True)
def cards(
    ctx: typer.Context,
    tag: Tag = None,
    list_: Annotated[bool, typer.Option("--list", help="List the whole deck instead of the due cards.")] = False,
    as_json: Json = False,
) -> None:
    """Study the due cards (front, Enter, back, rating). Without a terminal (or with --json) list them."""
    if ctx.invoked_subcommand is not None:
        return
    chosen = deck.select(tag)
    if list_:
        topics = Counter(c.topic for c in chosen)
        if as_json:
            _emit({"tag": tag, "count": len(chosen), "topics": dict(topics), "tags": deck.tags(),
                   "cards": [c.to_json() for c in chosen]}, [])
            return
        table = Table(title=f"{len(chosen)} cards", title_justify="left")
        for column in ("id", "topic", "front"):
            table.add_column(column)
        for c in chosen:
            table.add_row(c.id, c.topic, c.front)
        console.print(table)
        return
    with open_store(read_only_ok=True) as store:
        at = now()
        due = deck.due(store, at, tag)
        warnings = list(store.warnings)
        if as_json:
            _emit({"tag": tag, "now": at, "count": len(due), "due": [
                c.to_json() | {"due": d, "new": d is None} for c, d in due]}, warnings)
            return
        for w in warnings:
            errors.print(f"[yellow]warning:[/] {w}", highlight=False)
        if not due:
            console.print("No card is due.")
            return
        if interactive() and store.read_only is None:
            rated = _study(store, due)
            console.print(f"{rated} card(s) rated.")
            return
    table = Table(title=f"{len(due)} card(s) to study", title_justify="left")
    for column in ("id", "topic", "front", "due"):
        table.add_column(column)
    for c, d in due:
        table.add_row(c.id, c.topic, c.front, "new" if d is None else _when(d))
    console.print(table)
    console.print("Rate one with [bold]mlkata cards rate CARD Again|Hard|Good|Easy[/] (or run in a terminal).")


@app.command("rate", cls=Command)
def rate(
    card_id: Annotated[str, typer.Argument(help="The card's id (`mlkata cards --list`).")],
    rating: Annotated[str, typer.Argument(help="Again, Hard, Good or Easy.")],
    as_json: Json = False,
) -> None:
    """Rate one card without a prompt and schedule its next review."""
    from mlkata.store import StoreError

    try:
        store = open_store()
    except StoreError as exc:
        raise MlkataError(f"{exc} Rating a card needs a writable store.") from None
    with store:
        result = deck.rate(store, card_id, rating, now())
        warnings = list(store.warnings)
    if as_json:
        _emit(result, warnings)
        return
    console.print(f"{result['id']}: {result['rating']}, next review {_when(result['due'])}.", highlight=False)


@app.command("export", cls=Command)
def export(
    out: Annotated[Path, typer.Option("--out", help="The file to write (Anki: File > Import).")],
    tag: Tag = None,
    as_json: Json = False,
) -> None:
    """Write the deck as an Anki-importable text file (front, back, tags; tab-separated)."""
    chosen = deck.select(tag)
    try:
        out.write_text(deck.export_text(chosen), encoding="utf-8")
    except OSError as exc:
        raise MlkataError(f"Could not write {out}: {exc}") from None
    if as_json:
        _emit({"path": str(out), "count": len(chosen), "tag": tag}, [])
        return
    console.print(f"{len(chosen)} cards written to {out}; import it in Anki (File > Import).", highlight=False)
