"""A fresh-process grader, the baseline the judge service is measured against: one process that
imports numpy and torch, builds the problem's cases, runs the file and the model answer on them and
compares (no sandbox, no diagnosis).

    python benchmarks/fresh_grader.py PROBLEM FILE     # prints passed/failed cases; exit 0 if all pass
"""

from __future__ import annotations

import sys

import numpy  # noqa: F401  (what a grader of these problems imports)
import torch  # noqa: F401

from mlkata.judge import compare, local
from mlkata.problems.catalog import get_problem


def grade(problem_id: str, path: str) -> tuple[int, int]:
    problem = get_problem(problem_id)
    with open(path, encoding="utf-8") as f:
        source = f.read()
    expected = local.run_local(problem, "solution.py", problem.solution)
    got = local.run_local(problem, path, source)
    passed, index = 0, 0
    for check in problem.checks:
        fn = compare.resolve(check.compare, problem)
        for _ in check.cases:
            e, g = expected[index], got[index]
            passed += bool(e.ok and g.ok and fn(g.value, e.value, **check.options) is None)
            index += 1
    return passed, index


if __name__ == "__main__":
    ok, total = grade(sys.argv[1], sys.argv[2])
    print(f"{ok}/{total} cases passed")
    sys.exit(0 if ok == total else 1)
