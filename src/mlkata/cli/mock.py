"""`mlkata mock`: timed mock interview rounds judged by the hire rubric (start, submit, status, abandon,
history, report, loop). Every command takes --json and never waits for input without a terminal."""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mlkata.cli import render, session
from mlkata.cli.typer_base import Command, Group, Json
from mlkata.errors import MlkataError
from mlkata.practice import mock
from mlkata.problems.catalog import get_problem

console = Console()
errors = Console(stderr=True)
app = typer.Typer(cls=Group, help="Mock interview rounds: a timed problem, follow-up questions, a hire verdict.",
                  no_args_is_help=True)

VERDICT_STYLE = {"Strong Hire": "bold green", "Lean Hire": "green", "Lean No Hire": "yellow", "No Hire": "red"}
LEVELS = {"s": "strong", "strong": "strong", "l": "lean", "lean": "lean", "n": "no_hire", "no": "no_hire",
          "no_hire": "no_hire", "no hire": "no_hire"}


def now() -> float:
    """The CLI's clock (tests replace it, and open_store, to drive time)."""
    return time.time()


def open_store():
    return session.open_store()


def interactive() -> bool:
    return sys.stdin.isatty()


def _emit(data: dict) -> None:
    typer.echo(json.dumps(data, allow_nan=False, default=str))


def _warn(store) -> None:
    for message in store.warnings:
        render.warning(errors, message)


def judge(problem, path: Path):
    """Grade the round's file on every check: (report, source). A missing file is graded as empty."""
    from mlkata.service import client

    source = session.read_source(path) if path.exists() else ""
    return client.check_source(problem, source, str(path)), source


def _settle_expired(store, at: float) -> dict | None:
    """A round whose time ran out is graded now (by this module's `judge`), as submitted."""
    return mock.settle_expired(store, at, judge)


def _show_expired(result: dict | None, as_json: bool) -> None:
    if result is not None and not as_json:
        console.print(f"[yellow]Time ran out on {result['problem']}: graded as it was.[/]")
        _show_verdict(result)


def _show_start(state: dict, problem, heading: str) -> None:
    render.statement(console, problem, page=False)
    minutes = state["minutes"]
    left = state["deadline"] - now()
    hints = "allowed (each counts against you)" if state["allow_hints"] else "locked"
    console.print(f"\n[bold]{heading}[/]: {problem.id} · {mock._mmss(left)} on the clock "
                  f"(budget {minutes:.3g} min) · hints {hints} · the model answer is locked until the round ends.")
    console.print(f"Your file: [bold]{state['path']}[/]  Check it with [bold]mlkata check {state['path']}[/]; "
                  "hand it in with [bold]mlkata mock submit[/].", soft_wrap=True)
    console.print(_phase_plan(minutes * 60))


def _phase_plan(budget: float) -> Text:
    parts, edge = [], 0.0
    for name, share in mock.PHASES:
        parts.append(f"{name} {mock._mmss(edge)}")
        edge += share * budget
    return Text("Phases: " + " → ".join(parts), style="dim")


@app.command("start", cls=Command)
def start_cmd(
    minutes: Annotated[float | None, typer.Option("--minutes", help="The budget (default: the problem's).")] = None,
    track: Annotated[str | None, typer.Option("--track", help="Pick from this track.")] = None,
    problem_id: Annotated[str | None, typer.Option("--problem", help="This problem (default: one not yet "
                                                                     "solved from your weakest track).")] = None,
    allow_hints: Annotated[bool, typer.Option("--allow-hints", help="Allow hints (each one is evidence "
                                                                    "against you).")] = False,
    as_json: Json = False,
) -> None:
    """Start a timed mock round: a fresh starter in <workspace>/mock/, the statement, the clock."""
    workspace = session.find_workspace()
    with open_store() as store:
        at = now()
        expired = _settle_expired(store, at)
        problem = get_problem(problem_id) if problem_id else mock.pick(store, track)
        budget = minutes if minutes is not None else problem.minutes
        if budget <= 0:
            raise MlkataError("--minutes must be positive.")
        state = mock.start(store, problem, workspace, minutes=budget, allow_hints=allow_hints, at=at)
        _warn(store)
    if as_json:
        _emit({"started": state, "problem": problem.id, "title": problem.title, "expired_round": expired})
        return
    _show_expired(expired, as_json)
    _show_start(state, problem, "Mock round started")


@app.command("loop", cls=Command)
def loop_cmd(
    minutes: Annotated[float, typer.Option("--minutes", help="The loop's one budget.")] = mock.LOOP_MINUTES,
    track: Annotated[str | None, typer.Option("--track", help="Pick both problems from this track.")] = None,
    allow_hints: Annotated[bool, typer.Option("--allow-hints", help="Allow hints.")] = False,
    as_json: Json = False,
) -> None:
    """A full loop: two problems back to back in one budget, a verdict for each and one overall."""
    workspace = session.find_workspace()
    with open_store() as store:
        at = now()
        expired = _settle_expired(store, at)
        loop, state = mock.start_loop(store, workspace, minutes=minutes, track=track, allow_hints=allow_hints, at=at)
        _warn(store)
    if as_json:
        _emit({"loop": loop, "started": state, "expired_round": expired})
        return
    _show_expired(expired, as_json)
    first, second = loop["problems"]
    console.print(f"[bold]Mock loop[/]: {first}, then {second}, in {minutes:g} minutes.")
    _show_start(state, get_problem(first), "Problem 1 of 2")


@app.command("status", cls=Command)
def status_cmd(as_json: Json = False) -> None:
    """The open round: its clock (intact after a crash or Ctrl-C), phase and checks so far."""
    with open_store() as store:
        at = now()
        expired = _settle_expired(store, at)
        rnd = mock.open_round(store)
        st = mock.status(store, rnd, at) if rnd is not None else None
        _warn(store)
    if as_json:
        _emit({"open": st is not None, "round": st, "expired_round": expired})
        return
    _show_expired(expired, as_json)
    if st is None:
        if expired is None:
            console.print("No mock round is open. Start one with [bold]mlkata mock start[/].")
        return
    console.print(f"[bold]Mock round[/]: {st['problem']} · {mock._mmss(st['elapsed'])} of "
                  f"{mock._mmss(st['budget_seconds'])} · {mock._mmss(st['remaining'])} left on the clock")
    console.print(f"Phase: [bold]{st['phase']}[/] ({mock._mmss(st['phase_left'])} left in it)")
    last = st["last_check"]
    said = "no checks yet" if last is None else (
        f"{st['checks']} check(s); the last: {last['checks_passed']}/{last['checks_total']}"
        + (f", named: {', '.join(last['mistakes'])}" if last["mistakes"] else ""))
    console.print(f"{said}. File: {st['path']}", soft_wrap=True)


def _ask(problem) -> tuple[list[str | None], list[str | None]]:
    """The follow-up questions, typed answers and self-grades (a terminal only)."""
    answers: list[str | None] = []
    grades: list[str | None] = []
    for i, q in enumerate(mock.questions(problem), 1):
        console.print(f"\n[bold]Follow-up {i}:[/] {q['question']}")
        answer = typer.prompt("Your answer (Enter to skip)", default="", show_default=False).strip()
        answers.append(answer or None)
        console.print(f"  [green]Strong Hire[/]: {q['strong']}\n  [yellow]Lean Hire[/]: {q['lean']}\n"
                      f"  [red]No Hire[/]: {q['no_hire']}", highlight=False)
        while answer:  # a skipped question stays unanswered: no level to mark
            mark = typer.prompt("Level reached: [s]trong, [l]ean, [n]o hire", default="n").strip().lower()
            if mark in LEVELS:
                break
        grades.append(LEVELS[mark] if answer else None)
    return answers, grades


def _show_verdict(result: dict) -> None:
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
    table.add_column("")
    table.add_column("Criterion")
    table.add_column("Evidence", overflow="fold")
    for c in result.get("criteria", []):
        mark = Text("–", style="dim") if c["met"] is None else Text("✓", "green") if c["met"] else Text("✗", "red")
        table.add_row(mark, c["title"], c["evidence"])
    if result.get("criteria"):
        console.print(table)
    verdict = result["verdict"]
    score = f" (score {result['score']:.2f})" if "score" in result else ""
    console.print(Text.assemble("Verdict: ", (verdict, VERDICT_STYLE[verdict]), score))


def _show_loop(progress: dict | None) -> None:
    if not progress:
        return
    if "next" in progress:
        state = progress["next"]
        _show_start(state, get_problem(state_problem(state)), "Problem 2 of 2")
        return
    for pid, verdict in progress["verdicts"].items():
        tail = " (not reached)" if pid in progress.get("not_reached", []) else ""
        console.print(Text.assemble(f"  {pid}: ", (verdict, VERDICT_STYLE[verdict]), tail))
    console.print(Text.assemble("Loop verdict: ", (progress["overall"], VERDICT_STYLE[progress["overall"]])))


def state_problem(state: dict) -> str:
    return Path(state["path"]).stem


@app.command("submit", cls=Command)
def submit_cmd(
    answer: Annotated[list[str] | None, typer.Option("--answer", help="An answer to the next follow-up "
                                                                      "question (repeat, in order).")] = None,
    grade: Annotated[list[str] | None, typer.Option("--grade", help="The level your answer reached: strong, "
                                                                    "lean or no_hire (repeat, in order).")] = None,
    as_json: Json = False,
) -> None:
    """Hand in the round's file: every check, the follow-up questions, the rubric and its verdict."""
    with open_store() as store:
        at = now()
        expired = _settle_expired(store, at)
        if expired is not None:
            result = expired
        else:
            rnd = mock.open_round(store)
            if rnd is None:
                raise MlkataError("No mock round is open: start one with `mlkata mock start`.")
            problem = get_problem(rnd.problem_id)
            report, source = judge(problem, Path(rnd.data["path"]))
            answers, grades = list(answer or []), [LEVELS.get(g.strip().lower(), g) for g in grade or []]
            asked = mock.questions(problem)
            if not as_json:
                render.report(console, report, problem, at - rnd.started_at)
                if not asked:
                    console.print("[dim]This problem has no follow-up questions yet: that criterion is "
                                  "not scored.[/]")
                elif not (answers or grades) and interactive():
                    answers, grades = _ask(problem)
                elif not (answers or grades):
                    console.print("[dim]No terminal: the follow-up questions are recorded as unanswered.[/]")
            at = now()
            result = mock.submit(store, rnd, problem, report, source, at, answers=answers, grades=grades)
            result["loop_progress"] = mock.after_submit(store, result, at)
        _warn(store)
    if as_json:
        _emit(result)
        return
    if expired is not None:
        console.print(f"[yellow]Time ran out on {result['problem']} before this submit: graded as it was.[/]")
    _show_verdict(result)
    _show_loop(result.get("loop_progress"))


@app.command("abandon", cls=Command)
def abandon_cmd(as_json: Json = False) -> None:
    """End the open round as No Hire (a loop ends with it)."""
    with open_store() as store:
        at = now()
        if _settle_expired(store, at) is not None:
            raise MlkataError("The mock round's time had run out: it was graded as it was (`mlkata mock report`).")
        rnd = mock.open_round(store)
        if rnd is None:
            raise MlkataError("No mock round is open.")
        result = mock.abandon(store, rnd, at)
        _warn(store)
    if as_json:
        _emit(result)
        return
    console.print(f"Abandoned {result['problem']} after {mock._mmss(result['seconds_used'])}: "
                  f"[red]No Hire[/].")


@app.command("history", cls=Command)
def history_cmd(as_json: Json = False) -> None:
    """Past mock rounds and loops, with their verdicts."""
    with open_store() as store:
        _settle_expired(store, now())  # a round whose time ran out is graded before it is listed
        rows = mock.numbered(store)
        _warn(store)
    if as_json:
        _emit({"rounds": [mock.row_json(n, r) for n, r in enumerate(rows, 1)][::-1]})
        return
    if not rows:
        console.print("No mock rounds yet. Start one with [bold]mlkata mock start[/].")
        return
    table = Table("#", "Started", "Problem", "Time", "Verdict", header_style="bold", box=None, padding=(0, 1))
    for n, r in reversed(list(enumerate(rows, 1))):
        what = " + ".join(r.data.get("problems", [])) if r.mode == "loop" else r.problem_id
        used = r.data.get("seconds_used")
        verdict = r.outcome or "open"
        table.add_row(str(n), datetime.fromtimestamp(r.started_at).strftime("%Y-%m-%d %H:%M"),
                      ("loop: " if r.mode == "loop" else "") + what, "" if used is None else mock._mmss(used),
                      Text(verdict, VERDICT_STYLE.get(verdict, "dim")))
    console.print(table)
    console.print("[dim]`mlkata mock report N` shows one round.[/]")


@app.command("report", cls=Command)
def report_cmd(n: Annotated[int, typer.Argument(help="The round's number in `mlkata mock history`.")],
               as_json: Json = False) -> None:
    """One past round: its verdict criterion by criterion, your answers, the time it took."""
    with open_store() as store:
        _settle_expired(store, now())  # a round whose time ran out is graded before it is listed
        rows = mock.numbered(store)
        _warn(store)
    if not 1 <= n <= len(rows):
        raise MlkataError(f"No mock round #{n}: `mlkata mock history` lists {len(rows)}.")
    r = rows[n - 1]
    if as_json:
        _emit({"round": mock.row_json(n, r)})
        return
    if r.mode == "loop":
        console.print(f"[bold]Loop #{n}[/]: {' + '.join(r.data['problems'])} in {r.data['minutes']:g} min")
        if r.open:
            console.print("Still open: `mlkata mock status`.")
        else:
            _show_loop(r.data)
        return
    when = datetime.fromtimestamp(r.started_at).strftime("%Y-%m-%d %H:%M")
    console.print(f"[bold]Mock round #{n}[/]: {r.problem_id} · {when} · budget {r.data['minutes']:.3g} min")
    if r.open:
        console.print("Still open: `mlkata mock status`.")
        return
    for i, q in enumerate(r.data.get("questions", [])):
        answer = (r.data.get("answers") or [None] * (i + 1))[i]
        grade = (r.data.get("grades") or [None] * (i + 1))[i]
        console.print(f"[bold]Q{i + 1}.[/] {q['question']}\n    {answer or '(unanswered)'}  "
                      f"[dim][{(grade or 'unanswered').replace('_', ' ')}][/]", highlight=False)
    _show_verdict({**r.data, "verdict": r.outcome})

