"""`mlkata watch`: one warm engine, a fresh check on every save of the file.

The screen always ends with the verdict in one line; a report taller than the window is shown
compact (failing checks and the named mistake; `mlkata check` prints it all)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.console import Console, Group
from rich.text import Text
from watchfiles import Change, watch

from mlkata.cli import render, session
from mlkata.errors import MlkataError
from mlkata.judge.engine import Engine
from mlkata.problems.problem import Problem


def _touches(changes: set[tuple[Change, str]], file: Path) -> bool:
    return any(Path(path).resolve() == file for _, path in changes)


def _footer(file: Path) -> Text:
    return Text(f"Watching {file.name} — save to re-check, Ctrl-C to stop.", style="dim")


def check_once(console: Console, engine: Engine, problem: Problem, file: Path) -> None:
    console.clear()
    if not file.exists():  # deleted, or renamed away by an editor's save: say so, keep watching
        console.print(Text(f"{file} was deleted. Waiting for it to come back…", style="yellow"))
        console.print(_footer(file))
        return
    try:
        report, source = session.judge(engine, problem, file)
    except MlkataError as exc:  # e.g. the file is mid-save or unreadable
        render.error(console, str(exc))
        console.print(_footer(file))
        return
    elapsed, warnings = session.record(problem, report, file, source)
    notes = [Text(line) for line in session.round_notes(problem, report, file)]  # an open round's say
    bottom = Group(*map(render.warning_text, warnings), *notes, render.summary_line(report, problem, elapsed),
                   _footer(file))
    view = render.report_view(report, problem, elapsed)
    if render.height(console, view) + render.height(console, bottom) > console.height:
        view = render.report_view(report, problem, elapsed, compact=True)
    console.print(view)
    console.print(bottom)


def watch_file(console: Console, problem: Problem, file: Path, engine: Engine | None = None,
               changes: Iterable[set[tuple[Change, str]]] | None = None) -> None:
    """Check `file` now and after every change to it, until Ctrl-C. `engine` and `changes` (sets of
    (change, path), as watchfiles yields them) are for tests; by default a new engine and the file system."""
    file = file.resolve()
    own = engine is None
    engine = Engine(session.preload_for(problem)) if own else engine
    try:
        if own:
            engine.worker.start()
        check_once(console, engine, problem, file)
        for batch in watch(file.parent, debounce=150, step=50, rust_timeout=0) if changes is None else changes:
            if _touches(batch, file):
                check_once(console, engine, problem, file)
    except KeyboardInterrupt:
        pass
    finally:
        if own:
            engine.close()
    console.print("Stopped watching.")
