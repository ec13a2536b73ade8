"""Run trusted implementations (model answers, mistake variants) in this process.

They go through the same driver as the submission and their outputs through the
same wire round trip, so both sides are compared in exactly the same form. The
submission never runs here.
"""

from __future__ import annotations

import copy
import sys
import types
import warnings
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from mlkata.judge import wire
from mlkata.judge.child import time_call
from mlkata.problems.problem import Problem


@dataclass
class Outcome:
    """What one case produced: a value, or an exception (type and message)."""

    value: object = None
    error: dict | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def load_source(name: str, source: str, filename: str) -> types.ModuleType:
    """Execute trusted source as a module, registered in sys.modules while it runs (as an import
    would: @dataclass and pickling look the module up there)."""
    module = types.ModuleType(name)
    module.__file__ = filename
    previous = sys.modules.get(name)
    sys.modules[name] = module
    try:
        exec(compile(source, filename, "exec"), module.__dict__)
    finally:
        if previous is None:
            sys.modules.pop(name, None)
        else:
            sys.modules[name] = previous
    return module


def prepare_framework(problem: Problem) -> None:
    if problem.framework == "torch":
        import torch

        torch.set_num_threads(1)  # same conditions as the worker, for fair timings


def load_variant(problem: Problem, name: str, source: str, entry: str | None = None) -> types.ModuleType:
    """The implementation to run: `source` as a module, or with `entry` set, the model answer with only
    that entry point taken from `source` (which keeps its own helpers: it runs in its own globals)."""
    impl = load_source(f"mlkata_impl_{problem.id}", source, f"{problem.id}/{name}")
    if entry is None:
        return impl
    answer = load_source(f"mlkata_impl_{problem.id}", problem.solution, f"{problem.id}/solution.py")
    setattr(answer, entry, getattr(impl, entry))
    return answer


def run_local(problem: Problem, name: str, source: str, entry: str | None = None) -> list[Outcome]:
    """Every case of every check, in order, for one trusted implementation."""
    prepare_framework(problem)
    driver = load_source(f"mlkata_driver_{problem.id}", problem.driver_source, f"{problem.id}/driver.py")
    impl = load_variant(problem, name, source, entry)
    outcomes = []
    limit = sys.getrecursionlimit()
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        for check in problem.checks:
            for case in check.cases:
                args = copy.deepcopy(case.args)
                try:
                    out = getattr(driver, case.call)(impl, **args)
                    outcomes.append(Outcome(value=wire.roundtrip(out)))
                except Exception as exc:  # a mistake variant may legitimately raise
                    outcomes.append(Outcome(error={"type": type(exc).__name__, "message": str(exc)[:500]}))
    sys.setrecursionlimit(limit)
    return outcomes


def time_local(problem: Problem, source: str, repeats: int, budget: float) -> float:
    """Best-of-n seconds of the efficiency case for a trusted implementation."""
    prepare_framework(problem)
    driver = load_source(f"mlkata_driver_{problem.id}", problem.driver_source, f"{problem.id}/driver.py")
    impl = load_source(f"mlkata_impl_{problem.id}", source, f"{problem.id}/solution.py")
    case = problem.efficiency.case
    call, args = getattr(driver, case.call), copy.deepcopy(case.args)
    # one BLAS/OpenMP thread, as in the worker (OMP_NUM_THREADS=1): a multi-threaded reference
    # would be timed under different conditions, and on a busy machine swings by several x
    with threadpool_limits(limits=1):
        return time_call(lambda: call(impl, **args), repeats, budget)
