"""The `mlkata` command: thin commands over the library (parse, call, render)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from mlkata import __version__, paths
from mlkata.cli import prestart, render, session
from mlkata.cli.typer_base import Command, Group
from mlkata.errors import MlkataError
from mlkata.problems.catalog import all_problems, get_problem

console = Console()
errors = Console(stderr=True)


def _fail(message: str, argv: list[str]) -> None:
    """A usage or setup error: one line on stderr (and one JSON object on stdout under --json), exit 2."""
    if "--json" in argv:
        typer.echo(session.error_json(message))
    render.error(errors, message)
    raise typer.Exit(2)


def _usage_message(exc: typer.TyperException) -> str:
    ctx = getattr(exc, "ctx", None)
    message = exc.format_message()
    if not message.endswith((".", "?")):
        message += "."
    return message + (f" See `{ctx.command_path} --help`." if ctx is not None else "")


_Command = Command


class _Group(Group):
    """Library and usage errors become one clean line on stderr and exit code 2, never a traceback;
    under --json, stdout gets one JSON object with `error` too."""

    def main(self, args=None, *rest, **kwargs):
        self._argv = list(sys.argv[1:] if args is None else args)
        return super().main(args, *rest, **kwargs)

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except typer.TyperException as exc:  # a usage error before the command, e.g. an unknown option
            _fail(_usage_message(exc), list(args))

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except MlkataError as exc:
            _fail(str(exc), getattr(self, "_argv", sys.argv[1:]))
        except typer.TyperException as exc:  # a command's usage error: an unknown option, a missing argument
            _fail(_usage_message(exc), getattr(self, "_argv", sys.argv[1:]))


app = typer.Typer(cls=_Group, help="Practise and grade the coding rounds of ML research-engineering interviews.",
                  add_completion=False, pretty_exceptions_enable=False)

ProblemId = Annotated[str, typer.Argument(help="Problem id, e.g. softmax (see `mlkata list`).")]


def _interactive() -> bool:
    """Whether a question can be asked (stdin is a terminal)."""
    return sys.stdin.isatty()


def _warn(messages: list[str]) -> None:
    for message in messages:
        render.warning(errors, message)


@app.command("list", cls=_Command)
def list_problems() -> None:
    """The problem bank, with your best result on each."""
    with session.open_store(read_only_ok=True) as store:
        summary = store.summary()
        _warn(store.warnings)
    render.problem_list(console, list(all_problems().values()), summary)


@app.command(cls=_Command)
def show(problem_id: ProblemId) -> None:
    """Print a problem's statement (through a pager when it is longer than the terminal)."""
    render.statement(console, get_problem(problem_id))


@app.command(cls=_Command)
def start(
    problem_id: ProblemId,
    dir: Annotated[Path | None, typer.Option("--dir", help="Workspace folder (default: the workspace you are "
                                                          "in, else ./mlkata-workspace).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file (the old one is kept as a "
                                                        "backup).")] = False,
) -> None:
    """Write the starter file into your workspace and start the clock."""
    problem = get_problem(problem_id)
    workspace = dir.expanduser() if dir is not None else session.find_workspace()
    target = workspace / problem.starter_filename
    if target.exists() and not force:
        raise MlkataError(f"{target} already exists: keep working on it (`mlkata check {problem.id}`), "
                          "or pass --force to start over (your file is kept as a backup).")
    backup, warnings = session.start(problem, workspace, replace=force)
    _warn(warnings)
    if backup is not None:
        console.print(f"[dim]Your previous file is saved as {backup}[/]")
    render.statement(console, problem, page=False)  # the statement is also in the workspace
    console.print(f"\n[bold]Starter written to {target}[/]. The clock is running "
                  f"({problem.minutes} min budget).\nCheck it with [bold]mlkata check {problem.id}"
                  + ("" if dir is None else f" {target}") + f"[/] or [bold]mlkata watch {problem.id}[/].")


@app.command(cls=_Command)
def check(
    target: Annotated[str | None, typer.Argument(help="Problem id, or the file to check.")] = None,
    path: Annotated[Path | None, typer.Argument(help="The file (default: the workspace's <id>.py).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print exactly one JSON object.")] = False,
) -> None:
    """Check your solution: named checks, the mistake you made, efficiency."""
    from mlkata.cli import quick
    from mlkata.judge.engine import Engine

    code = quick.via_service(target, None if path is None else str(path), as_json)  # None: in-process
    if code is not None:
        raise typer.Exit(code)
    problem, file = session.resolve_target(target, path)
    source_exists = file.exists()
    preload = session.preload_for(problem)
    with Engine(preload, worker=prestart.take(preload)) as engine:
        if not source_exists:
            session.read_source(file)  # raises the clear message
        report, source = session.judge(engine, problem, file)
    elapsed, warnings = session.record(problem, report, file, source)
    notes = session.round_notes(problem, report, file)
    if as_json:
        typer.echo(session.report_json(report, problem, elapsed, round_notes=notes))
    else:
        render.report(console, report, problem, elapsed)
        for line in notes:
            console.print(line, highlight=False, markup=False)
    _warn(warnings)
    raise typer.Exit(0 if report.passed else 1)


@app.command(cls=_Command)
def watch(
    target: Annotated[str | None, typer.Argument(help="Problem id, or the file to watch.")] = None,
    path: Annotated[Path | None, typer.Argument(help="The file (default: the workspace's <id>.py).")] = None,
) -> None:
    """Re-check on every save (Ctrl-C to stop)."""
    from mlkata.cli.watch import watch_file

    problem, file = session.resolve_target(target, path)
    session.read_source(file)
    watch_file(console, problem, file)


@app.command(cls=_Command)
def hint(problem_id: ProblemId) -> None:
    """Reveal the next hint (recorded)."""
    problem = get_problem(problem_id)
    with session.open_store() as store:
        from mlkata import practice

        instead = practice.hint(store, problem)  # an open round may give its own hint (or refuse)
        if instead is not None:
            _warn(store.warnings)
            console.print(instead, highlight=False, markup=False)
            return
        used = store.hints_used(problem.id)
        if used >= len(problem.hints):
            console.print(f"All {len(problem.hints)} hints are revealed:")
            for i, text in enumerate(problem.hints, 1):
                console.print(Text.assemble((f"  {i}. ", "bold"), text))
            console.print(f"Still stuck? `mlkata solution {problem.id}` shows the model answer.")
            return
        index = store.record_hint(problem.id)
        _warn(store.warnings)
    console.print(Text.assemble((f"Hint {index + 1} of {len(problem.hints)}: ", "bold"), problem.hints[index]))


@app.command(cls=_Command)
def solution(
    problem_id: ProblemId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Reveal without asking.")] = False,
) -> None:
    """Show the model answer (asks first if you have not solved it yet; recorded)."""
    problem = get_problem(problem_id)
    with session.open_store() as store:
        from mlkata import practice

        locked = practice.solution_locked(store, problem)
        if locked:
            raise MlkataError(locked)
        if not (store.solved(problem.id) or yes):
            if not _interactive():
                raise MlkataError(f"You have not solved {problem.id} yet; pass --yes to reveal the answer anyway.")
            if not typer.confirm(f"You have not solved {problem.id} yet. Reveal the model answer?", default=False):
                console.print(f"Not revealed. `mlkata hint {problem.id}` gives the next hint instead.")
                raise typer.Exit(0)
        store.record_solution(problem.id)
        _warn(store.warnings)
    render.code(console, problem.solution, f"{problem.id}: model answer")


@app.command(cls=_Command)
def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print exactly one JSON object.")] = False,
    plot: Annotated[bool, typer.Option("--plot", help="Add terminal plots: time to solve, checks per day, "
                                                      "readiness per track.")] = False,
) -> None:
    """Your progress: readiness per track, the mistakes you make most, your streak, mock verdicts."""
    from mlkata.cli import progress_view
    from mlkata.practice.progress import progress

    with session.open_store(read_only_ok=True) as store:
        prog = progress(store, all_problems(), now=time.time())
        _warn(store.warnings)
    if as_json:
        typer.echo(json.dumps(prog.to_json(), allow_nan=False))
        return
    render.stats(console, prog.totals, prog.titles, sections=progress_view.sections(prog))
    if plot:
        progress_view.show_plots(console, prog)


from mlkata.cli import report as _report  # noqa: E402  (its command, defined in its own module)

app.command("report", cls=_Command)(_report.report)

from mlkata.cli import today as _today  # noqa: E402  (today's queue and reviews, in their own module)

app.command("today", cls=_Command)(_today.today)
app.command("review", cls=_Command)(_today.review)

from mlkata.cli import debug as _debug  # noqa: E402  (fix-the-bug rounds, in their own module)

app.command("debug", cls=_Command)(_debug.debug)

from mlkata.cli import mock as _mock  # noqa: E402  (mock interview rounds: a sub-app in its own module)

app.add_typer(_mock.app, name="mock")

from mlkata.cli import cards as _cards  # noqa: E402  (fundamentals flashcards: a sub-app in its own module)

app.add_typer(_cards.app, name="cards")

from mlkata.cli import drill as _drill  # noqa: E402  (drills and their gotcha cards, in their own module)

app.command("drill", cls=_Command)(_drill.drill)

from mlkata.cli import design as _design  # noqa: E402  (experiment-design rounds: a sub-app in its own module)

app.add_typer(_design.app, name="design")

from mlkata.cli import paper as _paper  # noqa: E402  (paper discussion rounds, in their own module)

app.command("paper", cls=_Command)(_paper.paper)

from mlkata.cli import assess as _assess  # noqa: E402  (the self-assessment, in its own module)
from mlkata.cli import plan as _plan  # noqa: E402  (the study plan: a sub-app in its own module)

app.add_typer(_plan.app, name="plan")
app.command("assess", cls=_Command)(_assess.assess)

from mlkata.cli import judge_cmd as _judge  # noqa: E402  (the judge service: a sub-app in its own module)

app.add_typer(_judge.app, name="judge")

from mlkata.cli import serve as _serve  # noqa: E402  (the local web app, in its own module)

app.command("serve", cls=_Command)(_serve.serve)


@app.command(cls=_Command)
def doctor() -> None:
    """Versions, sandbox mode and where your data lives."""
    import numpy

    from mlkata.judge.engine import Engine
    from mlkata.store import Store, StoreError, StoreNotWritable

    console.print(f"mlkata {__version__} · Python {sys.version.split()[0]} · numpy {numpy.__version__}")
    try:
        import torch

        console.print(f"torch {torch.__version__}")
    except ImportError:
        console.print("[red]torch is not installed: torch problems cannot be checked[/]")
    with Engine(("numpy",)) as engine:
        mode = engine.sandbox_mode()
        warning = engine.worker.mode.warning()  # None when submissions are confined
    console.print(f"sandbox: {mode}")
    if warning:
        console.print(warning, style="yellow", markup=False)
    _doctor_service()
    try:
        with Store.open() as store:
            problem = store.write_problem()
        problem = None if problem is None else f"not writable: {problem}"
    except StoreNotWritable as exc:
        problem = f"not writable: {exc}"
    except StoreError as exc:
        problem = f"not usable: {exc}"
    if problem is None:
        console.print(f"store: {paths.store_path()} (writable)", soft_wrap=True, highlight=False)
    else:
        console.print(Text.assemble(f"store: {paths.store_path()} ", (problem, "red"),
                                    " (check, list and stats still work, without recording)"), soft_wrap=True)
    console.print(f"workspace: {session.find_workspace()}", soft_wrap=True)
    console.print(f"problems: {len(all_problems())}")


def _doctor_service() -> None:
    """The judge service's state, and the last check that ran in-process instead (and why)."""
    from mlkata.service import client, location

    try:
        info = client.status() if client.enabled() else None
        console.print(f"judge service: {_judge.describe(info)}", highlight=False, soft_wrap=True)
    except location.ServiceUnavailable as exc:
        console.print(f"judge service: unavailable ({exc}); checks run in-process", style="yellow",
                      highlight=False, soft_wrap=True)
    fallback = client.last_fallback()
    if fallback:
        console.print(_judge.fallback_line(fallback), style="yellow", highlight=False, soft_wrap=True)


@app.callback(invoke_without_command=True)
def main(ctx: typer.Context,
         version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False) -> None:
    if version:
        console.print(f"mlkata {__version__}")
        raise typer.Exit()
    if ctx.invoked_subcommand is None:  # bare `mlkata`: the help, and success
        help_text = ctx.get_help()
        if help_text:
            typer.echo(help_text)
        raise typer.Exit()


def run() -> None:
    """Console-script entry."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
