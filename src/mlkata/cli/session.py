"""What `check` and `watch` share: resolve the file, judge it, record the attempt."""

from __future__ import annotations

import json
import time
from pathlib import Path

from mlkata import paths
from mlkata.errors import MlkataError
from mlkata.judge.engine import Engine
from mlkata.judge.verdict import Report
from mlkata.problems.catalog import get_problem, infer_problem_id
from mlkata.problems.problem import Problem

MAX_SOURCE_BYTES = 1 << 20


def preload_for(problem: Problem) -> tuple[str, ...]:
    """What the worker imports up front: torch only when the problem needs it."""
    return ("numpy", "torch") if problem.framework == "torch" else ("numpy",)


def resolve_target(target: str | None, path: Path | None) -> tuple[Problem, Path]:
    """`check ID`, `check PATH`, `check ID PATH`: find the problem and the file."""
    if target is None and path is None:
        raise MlkataError("Give a problem id or a file: `mlkata check softmax` or `mlkata check softmax.py`.")
    if path is None and (target.endswith(".py") or Path(target).is_file()):
        path = Path(target)
        problem_id = infer_problem_id(path)
        if problem_id is None:
            raise MlkataError(f"Cannot tell which problem {path.name} is for: name the problem, "
                              f"e.g. `mlkata check softmax {path}`.")
        return get_problem(problem_id), path
    problem = get_problem(target)
    return problem, path if path is not None else paths.default_workspace() / problem.starter_filename


def read_source(path: Path) -> str:
    if not path.exists():
        raise MlkataError(f"No file at {path}. Run `mlkata start <id>` to create it, or give its path.")
    if path.is_dir():
        raise MlkataError(f"{path} is a directory; give the .py file to check.")
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise MlkataError(f"{path} is {size} bytes; a submission must be under {MAX_SOURCE_BYTES} bytes.")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise MlkataError(f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8.") from None
    except OSError as exc:
        raise MlkataError(f"Cannot read {path}: {exc.strerror}.") from None


def judge(engine: Engine, problem: Problem, path: Path) -> Report:
    return engine.check(problem, read_source(path), str(path))


def record(problem: Problem, report: Report, path: Path) -> tuple[float | None, list[str]]:
    """Store the attempt; returns (seconds since start, warnings to show)."""
    from mlkata.store import CheckRecord, Store

    with Store.open() as store:
        store.record_check(CheckRecord(
            problem_id=problem.id, passed=report.passed, mistakes=[m.id for m in report.mistakes],
            checks_passed=sum(c.passed for c in report.checks), checks_total=len(report.checks),
            error_kind=report.error.kind if report.error else None, path=str(path),
            judge_seconds=report.judge_seconds,
        ))
        started = store.started_at(problem.id)
        return (time.time() - started if started else None), list(store.warnings)


def report_json(report: Report, problem: Problem, elapsed: float | None) -> str:
    data = report.to_json()
    data["time_since_start"] = elapsed
    data["budget_seconds"] = problem.minutes * 60
    return json.dumps(data, allow_nan=False, default=str)
