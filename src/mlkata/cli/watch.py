"""`mlkata watch`: a fresh check on every save of the file, by the judge service (or an engine of its own).

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
from mlkata.judge.verdict import Report
from mlkata.problems.problem import Problem


def _touches(changes: set[tuple[Change, str]], file: Path) -> bool:
    return any(Path(path).resolve() == file for _, path in changes)


def _footer(file: Path) -> Text:
    return Text(f"Watching {file.name} — save to re-check, Ctrl-C to stop.", style="dim")


class _ServiceJudge:
    """Checks through the judge service; after it fails once, in this process for the rest of the watch."""

    def __init__(self, problem: Problem):
        self.problem, self.engine = problem, None

    def __call__(self, file: Path) -> tuple[Report, float | None, list[str], list[str]]:
        from mlkata.service import client

        if self.engine is None and client.enabled():
            try:
                result = client.check_file(self.problem.id, str(file))
            except client.ServiceDown:
                pass
            else:
                if result.get("event") != "result":
                    raise MlkataError(str(result.get("message")))
                return (Report.from_json(result["report"]), result.get("elapsed"), result.get("warnings") or [],
                        result.get("notes") or [])
        if self.engine is None:
            self.engine = Engine(session.preload_for(self.problem))
        return _in_process(self.engine, self.problem, file)

    def close(self) -> None:
        if self.engine is not None:
            self.engine.close()


def _in_process(engine: Engine, problem: Problem, file: Path) -> tuple[Report, float | None, list[str], list[str]]:
    report, source = session.judge(engine, problem, file)
    elapsed, warnings = session.record(problem, report, file, source)
    return report, elapsed, warnings, session.round_notes(problem, report, file)


def check_once(console: Console, judge, problem: Problem, file: Path) -> None:
    """`judge(file)` -> (report, elapsed, warnings, round notes); an Engine is judged with in this process."""
    console.clear()
    if not file.exists():  # deleted, or renamed away by an editor's save: say so, keep watching
        console.print(Text(f"{file} was deleted. Waiting for it to come back…", style="yellow"))
        console.print(_footer(file))
        return
    try:
        if isinstance(judge, Engine):
            report, elapsed, warnings, notes = _in_process(judge, problem, file)
        else:
            report, elapsed, warnings, notes = judge(file)
    except MlkataError as exc:  # e.g. the file is mid-save or unreadable
        render.error(console, str(exc))
        console.print(_footer(file))
        return
    bottom = Group(*map(render.warning_text, warnings), *map(Text, notes),
                   render.summary_line(report, problem, elapsed), _footer(file))
    view = render.report_view(report, problem, elapsed)
    if render.height(console, view) + render.height(console, bottom) > console.height:
        view = render.report_view(report, problem, elapsed, compact=True)
    console.print(view)
    console.print(bottom)


def watch_file(console: Console, problem: Problem, file: Path, engine: Engine | None = None,
               changes: Iterable[set[tuple[Change, str]]] | None = None) -> None:
    """Check `file` now and after every change to it, until Ctrl-C. `engine` and `changes` (sets of
    (change, path), as watchfiles yields them) are for tests; by default the judge service (or, when it
    cannot answer, an engine of our own) and the file system."""
    file = file.resolve()
    judge = engine if engine is not None else _ServiceJudge(problem)
    try:
        check_once(console, judge, problem, file)
        for batch in watch(file.parent, debounce=150, step=50, rust_timeout=0) if changes is None else changes:
            if _touches(batch, file):
                check_once(console, judge, problem, file)
    except KeyboardInterrupt:
        pass
    finally:
        if engine is None:
            judge.close()
    console.print("Stopped watching.")
