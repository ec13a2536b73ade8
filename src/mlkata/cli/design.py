"""`mlkata design`: experiment-design rounds. `design [PROMPT_ID]` starts one (15 minutes, an answer file in six
parts), `design submit` shows the rubric and records the marks and the verdict, `design history` lists past
rounds, `design --list` the prompts. Every command takes --json and never waits for input without a terminal."""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from mlkata.cli import render, session
from mlkata.cli.typer_base import Command, Group, Json
from mlkata.errors import MlkataError
from mlkata.practice import design


class _PromptGroup(Group):
    """`design PROMPT_ID ...` runs the hidden `start` command with that prompt."""

    def parse_args(self, ctx, args):
        words = [a for a in args if not a.startswith("-")]
        if words and words[0] not in self.commands:
            args = ["start", *args]
        return super().parse_args(ctx, args)


console = Console()
errors = Console(stderr=True)
app = typer.Typer(cls=_PromptGroup, invoke_without_command=True,
                  help="Experiment-design rounds: a prompt, 15 minutes, a six-part answer, the rubric. "
                       "`mlkata design [PROMPT_ID]` starts one (no id: the prompt you tried least recently).")

STYLE = {"Strong Hire": "bold green", "Lean Hire": "green", "Lean No Hire": "yellow", "No Hire": "red",
         "Unmarked": "dim"}


def now() -> float:
    """The CLI's clock (tests replace it, and open_store, to drive time)."""
    return time.time()


def open_store():
    return session.open_store()


def interactive() -> bool:
    return sys.stdin.isatty()


def _emit(data: dict) -> None:
    typer.echo(json.dumps(data, allow_nan=False, default=str))


def _json(ctx: typer.Context, as_json: bool) -> bool:
    """--json given to the command or to `design` before it."""
    return as_json or bool(ctx.parent is not None and ctx.parent.params.get("as_json"))


def _warn(store) -> None:
    for message in store.warnings:
        render.warning(errors, message)


def _mmss(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def _list(as_json: bool) -> None:
    items = [{"id": p["id"], "area": p["area"], "title": p["title"], "prompt": p["prompt"]} for p in design.prompts()]
    if as_json:
        _emit({"prompts": items, "minutes": design.minutes(), "parts": [p["id"] for p in design.parts()],
               "principles": [p["id"] for p in design.principles()]})
        return
    table = Table("id", "area", "prompt", title=f"{len(items)} experiment-design prompts")
    for item in items:
        table.add_row(item["id"], item["area"], item["prompt"])
    console.print(table)


def _start(prompt_id: str | None, as_json: bool) -> None:
    with open_store() as store:
        state = design.start(store, prompt_id, session.find_workspace(), now())
        _warn(store)
    if as_json:
        _emit(state)
        return
    console.print(f"[bold]Design round[/]: {state['title']} ({state['area']})", highlight=False)
    console.print(f"\n  {state['text']}\n", markup=False, highlight=False)
    kept = " (kept as it was)" if state["kept_existing_file"] else ""
    console.print(f"{_mmss(state['minutes'] * 60)} on the clock. Write your answer in [bold]{state['path']}[/]"
                  f"{kept}, under its six headings: {', '.join(state['parts'])}.", soft_wrap=True)
    console.print("Hand it in with [bold]mlkata design submit[/] to see the rubric and mark yourself.")


@app.callback()
def main(ctx: typer.Context,
         list_: Annotated[bool, typer.Option("--list", help="List the prompts.")] = False,
         as_json: Json = False) -> None:
    """Without a command: start a round on the next prompt (or list them with --list)."""
    if ctx.invoked_subcommand is not None:
        return
    if list_:
        _list(as_json)
    else:
        _start(None, as_json)


@app.command("start", cls=Command, hidden=True)
def start_cmd(ctx: typer.Context,
              prompt_id: Annotated[str | None, typer.Argument(help="The prompt (see --list).")] = None,
              as_json: Json = False) -> None:
    """Start a design round on PROMPT_ID."""
    _start(prompt_id, _json(ctx, as_json))


def _ask() -> dict[str, str]:
    """Each criterion's mark from the terminal; Enter leaves it unmarked."""
    marks = {}
    console.print("\nMark each criterion: [bold]s[/]trong, [bold]l[/]ean, [bold]n[/]o_hire, Enter to skip.")
    for criterion in design.criteria():
        while True:
            answer = typer.prompt(f"  {criterion['title']}", default="", show_default=False).strip()
            if not answer:
                break
            try:
                marks.update(design.parse_marks([f"{criterion['id']}={answer}"]))
                break
            except MlkataError as exc:
                console.print(f"  [yellow]{exc}[/]", highlight=False)
    return marks


def _show_rubric(prompt: dict) -> None:
    parts = Table("part", "Strong", "Lean", "No Hire", title="The rubric", show_lines=True)
    for part in design.parts():
        parts.add_row(part["title"], part["strong"], part["lean"], part["no_hire"])
    console.print(parts)
    principles = Table("principle", "what it means", "the common violation", title="The principles",
                       show_lines=True)
    for p in design.principles():
        principles.add_row(p["title"], p["means"], p["violation"])
    console.print(principles)
    console.print(f"[bold]This prompt's strong answer[/]: {prompt['focus']}", highlight=False)


def _show_result(result: dict) -> None:
    if result["empty_parts"]:
        titles = {p["id"]: p["title"] for p in design.parts()}
        console.print(f"[yellow]Left empty: {', '.join(titles[k] for k in result['empty_parts'])}.[/]")
    when = "over time" if result["over_time"] else "in time"
    marked = {c["id"]: c["title"] for c in design.criteria()}
    for key, level in result["marks"].items():
        console.print(f"  {marked[key]}: {level or 'unmarked'}", highlight=False)
    score = "" if result["score"] is None else f" (score {result['score']:.2f})"
    style = STYLE.get(result["verdict"], "")
    console.print(f"Verdict: [{style}]{result['verdict']}[/]{score} · {_mmss(result['seconds_used'])} used, {when}.")


@app.command("submit", cls=Command)
def submit_cmd(ctx: typer.Context,
               mark: Annotated[list[str] | None, typer.Option(
                   "--mark", metavar="CRITERION=LEVEL",
                   help="CRITERION=strong|lean|no_hire, for a part or a principle (repeat).")] = None,
               as_json: Json = False) -> None:
    """Hand in the open round: the rubric, your marks, the verdict (the answer is recorded)."""
    as_json = _json(ctx, as_json)
    marks = design.parse_marks(list(mark or []))
    with open_store() as store:
        rnd = design.open_round(store)
        if rnd is None:
            raise MlkataError("No design round is open: start one with `mlkata design [PROMPT_ID]`.")
        prompt = design.prompt(rnd.data["prompt"])
        if not as_json:
            _show_rubric(prompt)
            if not marks and interactive():
                marks = _ask()
            elif not marks:
                console.print("[dim]No terminal and no --mark: the criteria are recorded unmarked.[/]")
        result = design.submit(store, rnd, marks, now())
        _warn(store)
    if as_json:
        result["rubric"] = design.rubric()
        result["focus"] = prompt["focus"]
        _emit(result)
        return
    _show_result(result)


@app.command("history", cls=Command)
def history_cmd(ctx: typer.Context, as_json: Json = False) -> None:
    """Past design rounds with their verdicts."""
    as_json = _json(ctx, as_json)
    with open_store() as store:
        rows = design.history(store)
        _warn(store)
    if as_json:
        _emit({"rounds": rows})
        return
    if not rows:
        console.print("No design rounds yet. Start one with [bold]mlkata design[/].")
        return
    table = Table("when", "prompt", "time", "verdict", "score", title="Design rounds")
    for row in rows:
        when = datetime.fromtimestamp(row["started_at"]).strftime("%Y-%m-%d %H:%M")
        score = "" if row["score"] is None else f"{row['score']:.2f}"
        table.add_row(when, row["prompt"], _mmss(row["seconds_used"] or 0), row["verdict"], score)
    console.print(table)
