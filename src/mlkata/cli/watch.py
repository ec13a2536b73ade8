"""`mlkata watch`: one warm engine, a fresh check on every save of the file."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from watchfiles import Change, watch

from mlkata.cli import render, session
from mlkata.errors import MlkataError
from mlkata.judge.engine import Engine
from mlkata.problems.problem import Problem


def _touches(changes: set[tuple[Change, str]], file: Path) -> bool:
    return any(Path(path).resolve() == file and change != Change.deleted for change, path in changes)


def check_once(console: Console, engine: Engine, problem: Problem, file: Path) -> None:
    console.clear()
    try:
        report = session.judge(engine, problem, file)
    except MlkataError as exc:  # e.g. the file is mid-save or was removed
        console.print(f"[red]error:[/] {exc}")
        return
    elapsed, warnings = session.record(problem, report, file)
    render.report(console, report, problem, elapsed)
    for message in warnings:
        console.print(f"[yellow]warning:[/] {message}")
    console.print(f"[dim]Watching {file} — save to re-check, Ctrl-C to stop.[/]")


def watch_file(console: Console, problem: Problem, file: Path) -> None:
    file = file.resolve()
    with Engine() as engine:
        check_once(console, engine, problem, file)
        try:
            for changes in watch(file.parent, debounce=150, step=50, rust_timeout=0):
                if _touches(changes, file):
                    check_once(console, engine, problem, file)
        except KeyboardInterrupt:
            pass
    console.print("Stopped watching.")
