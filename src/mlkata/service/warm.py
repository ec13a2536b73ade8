"""The warm-up process (`python -m mlkata.service.warm PARENT_PID`), started by the judge service at
nice 19: every problem's model-answer and mistake-variant outcomes, and the model answer's timing,
computed into the disk cache, problems practised most recently first. It stops when its service has
gone. Afterwards a problem's first failing check costs what its later ones do."""

from __future__ import annotations

import os
import sys


def order(problems: dict) -> list:
    """Problems with recorded activity first (most recent first), then the bank in study order."""
    from mlkata.cli.session import open_store

    try:
        with open_store(read_only_ok=True) as store:
            summary = store.summary()
    except Exception:  # no store yet, or an unreadable one: the bank's order
        summary = {}
    recent = sorted(summary, key=lambda pid: max(summary[pid].last_check_at or 0, summary[pid].started_at or 0),
                    reverse=True)
    first = [problems[pid] for pid in recent if pid in problems]
    return first + [p for p in problems.values() if p not in first]


def main(parent: int) -> int:
    from mlkata.judge.engine import Engine
    from mlkata.problems.catalog import all_problems

    try:
        os.nice(19)
    except OSError:
        pass
    engine = Engine(("numpy",))  # its worker is never started: only trusted code runs here
    for problem in order(all_problems()):
        if os.getppid() != parent:
            return 0  # the service is gone
        try:
            engine.warm(problem)
            if problem.efficiency is not None:
                engine.reference_seconds(problem)
        except Exception:  # computed on demand later, as without the service
            continue
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else os.getppid()))
