"""Console entry point. `mlkata check` goes the thin way first (cli/quick.py: the judge service does
the work). When it checks in-process instead, the judge worker is started first, so that its
numpy/torch imports overlap with loading the CLI itself. Anything unexpected here is left for the
real command to report."""

from __future__ import annotations

import os
import sys

_started = None  # (preload, Worker) started before the CLI was imported


def begin(argv: list[str]) -> None:
    global _started
    if not argv or argv[0] != "check" or "--help" in argv:
        return
    from mlkata.cli import quick
    from mlkata.service import client

    if client.enabled() and not os.environ.get(quick.IN_PROCESS):
        return  # the judge service checks: no worker of our own
    try:
        from pathlib import Path

        from mlkata.judge.supervisor import Worker
        from mlkata.problems.catalog import get_problem, infer_problem_id

        words = [a for a in argv[1:] if not a.startswith("-")]
        if not words:
            return
        target = words[0]
        problem_id = infer_problem_id(Path(target)) if target.endswith(".py") and len(words) == 1 else target
        problem = get_problem(problem_id)
        preload = ("numpy", "torch") if problem.framework == "torch" else ("numpy",)
        worker = Worker(preload)
        worker.start()
        _started = (preload, worker)
    except Exception:
        _started = None


def take(preload: tuple[str, ...]):
    """The worker started early, if it was started for this preload; else None."""
    global _started
    started, _started = _started, None
    if started is not None and started[0] == preload:
        return started[1]
    if started is not None:
        started[1].stop()
    return None


def run() -> None:
    if sys.argv[1:2] == ["check"]:  # the thin path: a running judge service does the work
        from mlkata.cli import quick

        code = quick.main(sys.argv[2:])
        if code is not None:
            sys.exit(code)
    begin(sys.argv[1:])
    from mlkata.cli.main import run as main

    main()
