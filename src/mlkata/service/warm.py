"""Trusted outcomes computed outside the judge service, into the disk cache (so torch never loads into the
service's own memory):

    python -m mlkata.service.warm PARENT_PID         the warm-up, at nice 19: every problem's model-answer
                                                     and mistake-variant outcomes and the model answer's
                                                     timing, problems practised most recently first; it
                                                     stops when its service has gone
    python -m mlkata.service.warm --part PART ID     one part now, for a check that needs it (references,
                                                     variants, timing, timing-again)

After the warm-up a problem's first failing check costs what its later ones do."""

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


PARTS = ("references", "variants", "timing", "timing-again")


def compute(problem_id: str, part: str) -> int:
    """One part of one problem, into the disk cache (what the service asks when a check needs it now)."""
    from mlkata.judge.engine import Engine
    from mlkata.problems.catalog import get_problem

    problem = get_problem(problem_id)
    engine = Engine(("numpy",))  # its worker is never started: only trusted code runs here
    if part == "references":
        engine.reference_outcomes(problem)
    elif part == "variants":
        engine.variant_outcomes(problem)
    elif problem.efficiency is not None:
        engine.reference_seconds(problem, again=part == "timing-again")
    return 0


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
    if len(sys.argv) == 4 and sys.argv[1] == "--part" and sys.argv[2] in PARTS:
        sys.exit(compute(sys.argv[3], sys.argv[2]))  # --part PART PROBLEM
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else os.getppid()))
