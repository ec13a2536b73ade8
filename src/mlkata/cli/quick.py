"""The thin `mlkata check`: the arguments read here, the check done by the judge service, the report
rendered. No Typer, no engine, no numpy: a check costs little more than the service's own time.
Anything it does not handle (help, other options, no service) goes to the full CLI."""

from __future__ import annotations

import json
import os
import sys
from types import SimpleNamespace

IN_PROCESS = "MLKATA_CHECK_IN_PROCESS"  # set when the service could not answer: the full CLI checks here


def error_json(message: str, kind: str = "usage") -> str:
    """The one JSON object `--json` prints when there is no report: a usage or setup error."""
    return json.dumps({"error": {"kind": kind, "message": message, "line": None}})


def parse(argv: list[str]) -> tuple[str | None, str | None, bool] | None:
    """(target, path, --json) for `check [TARGET] [PATH] [--json]`; None for anything else."""
    words = [a for a in argv if a != "--json"]
    if any(w.startswith("-") for w in words) or not 1 <= len(words) <= 2:
        return None
    return words[0], (words[1] if len(words) == 2 else None), "--json" in argv


def show(result: dict, as_json: bool) -> int:
    """Print the service's answer as `mlkata check` does; the exit code. Raises MlkataError for a usage error."""
    from mlkata.errors import MlkataError

    if result.get("event") != "result":
        raise MlkataError(str(result.get("message") or "the judge service gave no answer"))
    if as_json:  # the JSON is ready-made: no Rich to load unless there is a warning to show
        print(result["json"], flush=True)
    else:
        from rich.console import Console

        from mlkata.cli import render
        from mlkata.judge.verdict import Report

        console = Console()
        render.report(console, Report.from_json(result["report"]), SimpleNamespace(**result["problem"]),
                      result.get("elapsed"))
        for line in result.get("notes") or []:
            console.print(line, highlight=False, markup=False)
    if result.get("warnings"):
        from rich.console import Console

        from mlkata.cli import render

        errors = Console(stderr=True)
        for message in result["warnings"]:
            render.warning(errors, message)
    return 0 if result["report"]["passed"] else 1


def via_service(target: str | None, path: str | None, as_json: bool) -> int | None:
    """Check through the judge service; the exit code, or None when it cannot answer (then the caller
    checks in-process). A usage error (unknown problem, no file) raises MlkataError."""
    from mlkata.service import client

    if not client.enabled() or os.environ.get(IN_PROCESS):
        return None
    try:
        result = client.check_file(target, path, as_json)
    except client.ServiceDown:
        os.environ[IN_PROCESS] = "1"
        return None
    return show(result, as_json)


def main(argv: list[str]) -> int | None:
    """`mlkata check ...` from the console entry point; None: let the full CLI handle it."""
    parsed = parse(argv)
    if parsed is None:
        return None
    from mlkata.errors import MlkataError

    try:
        return via_service(*parsed)
    except MlkataError as exc:
        from rich.console import Console

        from mlkata.cli import render

        if parsed[2]:
            print(error_json(str(exc)), flush=True)
        render.error(Console(stderr=True), str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 1
