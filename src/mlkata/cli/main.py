"""The `mlkata` command: thin commands over the library (parse, call, render)."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from mlkata import __version__, paths
from mlkata.cli import prestart, render, session
from mlkata.errors import MlkataError
from mlkata.problems.catalog import all_problems, get_problem

console = Console()
errors = Console(stderr=True)


class _Group(typer.core.TyperGroup):
    """Library errors become one clean line on stderr and exit code 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except MlkataError as exc:
            errors.print(f"[red]error:[/] {exc}", highlight=False)
            raise typer.Exit(2) from None


app = typer.Typer(cls=_Group, help="Practise and grade the coding rounds of ML research-engineering interviews.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

ProblemId = Annotated[str, typer.Argument(help="Problem id, e.g. softmax (see `mlkata list`).")]


def _store():
    from mlkata.store import Store

    return Store.open()


def _warn(messages: list[str]) -> None:
    for message in messages:
        errors.print(f"[yellow]warning:[/] {message}")


@app.command("list")
def list_problems() -> None:
    """The problem bank, with your best result on each."""
    with _store() as store:
        summary = store.summary()
        _warn(store.warnings)
    render.problem_list(console, list(all_problems().values()), summary)


@app.command()
def show(problem_id: ProblemId) -> None:
    """Print a problem's statement."""
    render.statement(console, get_problem(problem_id))


@app.command()
def start(
    problem_id: ProblemId,
    dir: Annotated[Path | None, typer.Option("--dir", help="Workspace folder (default ./mlkata-workspace).")] = None,
    force: Annotated[bool, typer.Option(help="Replace an existing file (the old one is kept as a backup).")] = False,
) -> None:
    """Write the starter file into your workspace and start the clock."""
    problem = get_problem(problem_id)
    workspace = (dir or paths.default_workspace()).expanduser()
    try:
        workspace.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MlkataError(f"Cannot create the workspace {workspace}: {exc.strerror}.") from None
    target = workspace / problem.starter_filename
    if target.exists():
        if not force:
            raise MlkataError(f"{target} already exists: keep working on it (`mlkata check {problem.id}`), "
                              "or pass --force to start over (your file is kept as a backup).")
        backup = target.with_name(f"{target.name}.{time.strftime('%Y%m%d-%H%M%S')}.bak")
        shutil.copy2(target, backup)
        console.print(f"[dim]Your previous file is saved as {backup}[/]")
    target.write_text(problem.starter, encoding="utf-8")
    (workspace / f"{problem.id}.md").write_text(problem.statement, encoding="utf-8")
    with _store() as store:
        store.record_start(problem.id, str(workspace))
        _warn(store.warnings)
    render.statement(console, problem)
    console.print(f"\n[bold]Starter written to {target}[/]. The clock is running "
                  f"({problem.minutes} min budget).\nCheck it with [bold]mlkata check {problem.id}"
                  + ("" if dir is None else f" {target}") + f"[/] or [bold]mlkata watch {problem.id}[/].")


@app.command()
def check(
    target: Annotated[str | None, typer.Argument(help="Problem id, or the file to check.")] = None,
    path: Annotated[Path | None, typer.Argument(help="The file (default: the workspace's <id>.py).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print exactly one JSON object.")] = False,
) -> None:
    """Check your solution: named checks, the mistake you made, efficiency."""
    from mlkata.judge.engine import Engine

    problem, file = session.resolve_target(target, path)
    source_exists = file.exists()
    preload = session.preload_for(problem)
    with Engine(preload, worker=prestart.take(preload)) as engine:
        if not source_exists:
            session.read_source(file)  # raises the clear message
        report = session.judge(engine, problem, file)
    elapsed, warnings = session.record(problem, report, file)
    if as_json:
        typer.echo(session.report_json(report, problem, elapsed))
    else:
        render.report(console, report, problem, elapsed)
    _warn(warnings)
    raise typer.Exit(0 if report.passed else 1)


@app.command()
def watch(
    target: Annotated[str | None, typer.Argument(help="Problem id, or the file to watch.")] = None,
    path: Annotated[Path | None, typer.Argument(help="The file (default: the workspace's <id>.py).")] = None,
) -> None:
    """Re-check on every save (Ctrl-C to stop)."""
    from mlkata.cli.watch import watch_file

    problem, file = session.resolve_target(target, path)
    session.read_source(file)
    watch_file(console, problem, file)


@app.command()
def hint(problem_id: ProblemId) -> None:
    """Reveal the next hint (recorded)."""
    problem = get_problem(problem_id)
    with _store() as store:
        used = store.hints_used(problem.id)
        if used >= len(problem.hints):
            console.print(f"All {len(problem.hints)} hints are revealed:")
            for i, text in enumerate(problem.hints, 1):
                console.print(f"  [bold]{i}.[/] {text}")
            console.print(f"Still stuck? `mlkata solution {problem.id}` shows the model answer.")
            return
        index = store.record_hint(problem.id)
        _warn(store.warnings)
    console.print(f"[bold]Hint {index + 1} of {len(problem.hints)}:[/] {problem.hints[index]}")


@app.command()
def solution(
    problem_id: ProblemId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Reveal without asking.")] = False,
) -> None:
    """Show the model answer (asks first if you have not solved it yet; recorded)."""
    problem = get_problem(problem_id)
    with _store() as store:
        if not (store.solved(problem.id) or yes):
            if not sys.stdin.isatty():
                raise MlkataError(f"You have not solved {problem.id} yet; pass --yes to reveal the answer anyway.")
            if not typer.confirm(f"You have not solved {problem.id} yet. Reveal the model answer?", default=False):
                raise typer.Exit(0)
        store.record_solution(problem.id)
        _warn(store.warnings)
    render.code(console, problem.solution, f"{problem.id}: model answer")


@app.command()
def stats() -> None:
    """Your progress: checks, solved problems, the mistakes you make most."""
    with _store() as store:
        st = store.stats()
        _warn(store.warnings)
    render.stats(console, st, {p.id: p.title for p in all_problems().values()})


@app.command()
def doctor() -> None:
    """Versions, sandbox mode and where your data lives."""
    import numpy

    from mlkata.judge.engine import Engine

    console.print(f"mlkata {__version__} · Python {sys.version.split()[0]} · numpy {numpy.__version__}")
    try:
        import torch

        console.print(f"torch {torch.__version__}")
    except ImportError:
        console.print("[red]torch is not installed: torch problems cannot be checked[/]")
    with Engine(("numpy",)) as engine:
        mode = engine.sandbox_mode()
    console.print(f"sandbox: {mode}")
    if "bubblewrap" not in mode:
        console.print("[yellow]bubblewrap is not active: submissions run under rlimits in a forked process only. "
                      "On Linux, install it (apt-get install bubblewrap) for the hardened mode.[/]")
    console.print(f"store: {paths.store_path()}")
    console.print(f"workspace: {paths.default_workspace()}")
    console.print(f"problems: {len(all_problems())}")


@app.callback(invoke_without_command=True)
def main(version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False) -> None:
    if version:
        console.print(f"mlkata {__version__}")
        raise typer.Exit()


def run() -> None:
    """Console-script entry."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
