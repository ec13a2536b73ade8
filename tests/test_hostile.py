"""Hostile submissions, stored as data in tests/hostile/, run through the real engine.

Each file opens with header comments that declare what must happen:

    # expect: <verdict>        an ErrorKind value, or `fail` (judged, not passed, no error),
                               or `pass` (judged and passed)
    # problem: <id>            the problem it targets (default: softmax)
    # message: <text>          must appear in the verdict's message (repeatable)
    # line: <n>                the error's line
    # time_limit: <seconds>    run against a copy of the problem with this time limit
    # needs: bwrap|seccomp     only meaningful with that layer of the sandbox
    # output: truncated        the output is truncated and its full size reported
    # without-bwrap: <verdict> also run on an engine with MLKATA_SANDBOX=none

For every case: the verdict is the declared one, its message names what happened (no
traceback from inside mlkata), it comes back in bounded time, the worker has no process
left behind and was not restarted, and a normal check of the model answer passes right
after (the engine keeps serving).
"""

from __future__ import annotations

import dataclasses
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mlkata.judge import bwrap
from mlkata.judge.engine import Engine
from mlkata.judge.verdict import ErrorKind, Report
from mlkata.problems.catalog import get_problem

HOSTILE_DIR = Path(__file__).parent / "hostile"
VERDICTS = {k.value for k in ErrorKind} | {"fail", "pass"}
HEADER = re.compile(r"^#\s*(expect|problem|message|line|time_limit|needs|output|without-bwrap):\s*(.*?)\s*$")
# words every message of a kind must contain, on top of what a file declares
KIND_WORDS = {
    "timeout": ["did not finish"],
    "memory": ["memory"],
    "crash": ["crashed with"],
    "exited": ["exit"],
    "sandbox-violation": ["not allowed"],
    "forbidden-api": ["not allowed"],
    "syntax-error": ["line"],
    "import-error": ["failed to import"],
    "missing-entry-point": ["missing entry point"],
    "not-implemented": ["not implemented"],
}
SLACK = 8.0  # seconds a check may take beyond the problem's time limit


@dataclass
class Hostile:
    path: Path
    expect: str = ""
    problem: str = "softmax"
    messages: list[str] = field(default_factory=list)
    line: int | None = None
    time_limit: float | None = None
    needs: list[str] = field(default_factory=list)
    output: str | None = None
    without_bwrap: str | None = None

    @property
    def name(self) -> str:
        return self.path.stem


def parse(path: Path) -> Hostile:
    case = Hostile(path)
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.startswith("#"):
            break
        match = HEADER.match(raw)
        if not match:
            continue
        key, value = match.groups()
        if key == "expect":
            case.expect = value
        elif key == "problem":
            case.problem = value
        elif key == "message":
            case.messages.append(value)
        elif key == "line":
            case.line = int(value)
        elif key == "time_limit":
            case.time_limit = float(value)
        elif key == "needs":
            case.needs.append(value)
        elif key == "output":
            case.output = value
        elif key == "without-bwrap":
            case.without_bwrap = value
    return case


CASES = [parse(p) for p in sorted(HOSTILE_DIR.glob("*.py"))]
WITHOUT_BWRAP = [c for c in CASES if c.without_bwrap]


def test_every_hostile_file_declares_a_known_verdict():
    assert len(CASES) >= 25
    for case in CASES:
        assert case.expect in VERDICTS, f"{case.path.name}: bad or missing `# expect:` ({case.expect!r})"
        assert case.without_bwrap is None or case.without_bwrap in VERDICTS, case.path.name
        assert set(case.needs) <= {"bwrap", "seccomp"}, case.path.name
        get_problem(case.problem)


# -- processes, read from /proc (no psutil) ------------------------------------

def _proc_table() -> dict[int, tuple[int, list[str]]]:
    """pid -> (ppid, argv) for every process we can see."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                argv = [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
        except (OSError, IndexError, ValueError):
            continue
        table[int(entry)] = (ppid, argv)
    return table


def _descendants(root: int, table) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _is_bwrap(argv: list[str]) -> bool:
    return bool(argv) and os.path.basename(argv[0]) == "bwrap"


def worker_processes(engine: Engine) -> tuple[int, list[int]]:
    """(the warm worker's pid as seen from here, every other process under it or its
    bwrap wrapper: the leftovers). With bwrap, the Popen'd process is bwrap itself and
    the worker runs two levels below it (bwrap, then bwrap's init in the pid namespace)."""
    engine.worker.ready()
    root = engine.worker.proc.pid
    table = _proc_table()
    tree = [root, *_descendants(root, table)]
    workers = [p for p in tree if p in table and not _is_bwrap(table[p][1])
               and "mlkata.judge.worker" in table[p][1]]
    assert len(workers) == 1, {p: table.get(p) for p in tree}
    others = [p for p in tree if p not in workers and p in table and not _is_bwrap(table[p][1])]
    return workers[0], others


def leftovers(engine: Engine) -> list[str]:
    """Processes still alive under the worker (its children above all), described."""
    worker, others = worker_processes(engine)
    table = _proc_table()
    stray = set(others) | {p for p, (ppid, _) in table.items() if ppid == worker}
    return [f"{p}: {' '.join(table[p][1])[:80]}" for p in sorted(stray) if p in table]


# -- running one case ------------------------------------------------------------

def _verdict(report: Report) -> str:
    if report.error is not None:
        return report.error.kind
    return "pass" if report.passed else "fail"


def _message(report: Report) -> str:
    if report.error is not None:
        return report.error.message
    return "\n".join(c.message for c in report.checks if not c.passed or report.passed)


def _summary(report: Report) -> str:
    failing = [f"{c.name}: {c.message}" for c in report.checks if not c.passed][:3]
    return f"error={report.error!r} passed={report.passed} failing={failing} output={report.output[:300]!r}"


def run_case(engine: Engine, case: Hostile, expect: str) -> None:
    base = get_problem(case.problem)
    problem = base if case.time_limit is None else dataclasses.replace(base, time_limit=case.time_limit)
    worker_before, _ = worker_processes(engine)

    started = time.monotonic()
    report = engine.check(problem, case.path.read_text(encoding="utf-8"), f"{case.problem}.py")
    elapsed = time.monotonic() - started

    assert elapsed < problem.time_limit + SLACK, f"took {elapsed:.1f} s"
    assert _verdict(report) == expect, _summary(report)
    message = _message(report)
    assert message.strip(), "the verdict must say what happened"
    for word in [*KIND_WORDS.get(expect, []), *case.messages]:
        assert word.lower() in message.lower(), f"{word!r} not in {message!r}"
    assert "Traceback" not in message and 'File "' not in message, message
    if expect == "fail":
        assert not report.passed and report.error is None
        assert any(not c.passed for c in report.checks)
    if expect == "pass":
        assert report.passed and report.error is None, _summary(report)
    if expect not in ("pass", "fail"):
        assert not report.passed
    if case.line is not None:
        assert report.error is not None and report.error.line == case.line, report.error
    if case.output == "truncated":
        assert report.output_bytes >= 20 * 2**20, report.output_bytes
        assert 0 < len(report.output.encode()) <= 64 * 1024 < report.output_bytes

    # nothing left behind, and the same worker still serves
    assert leftovers(engine) == []
    assert worker_processes(engine)[0] == worker_before, "the worker was restarted"
    follow = engine.check(base, base.solution, f"{base.id}.py")
    assert follow.passed and follow.error is None, _summary(follow)
    assert worker_processes(engine)[0] == worker_before, "the worker was restarted"
    assert leftovers(engine) == []


def _skip_unless_layers(engine: Engine, case: Hostile) -> None:
    engine.worker.ready()
    mode = engine.worker.mode
    if "bwrap" in case.needs and not mode.bwrap:
        pytest.skip("needs bubblewrap")
    if "seccomp" in case.needs and not mode.seccomp:
        pytest.skip("needs seccomp")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_submission(engine, case):
    _skip_unless_layers(engine, case)
    run_case(engine, case, case.expect)


def test_engine_runs_in_bwrap_with_seccomp_where_available(engine):
    engine.worker.ready()
    if bwrap.bwrap_path() is None or os.environ.get("MLKATA_SANDBOX", "auto") == "none":
        pytest.skip("bubblewrap is not usable here")
    assert engine.worker.mode.bwrap
    assert engine.worker.mode.seccomp


# -- the same engine without bubblewrap (MLKATA_SANDBOX=none) -----------------------

@pytest.fixture(scope="module")
def engine_without_bwrap():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MLKATA_SANDBOX", "none")  # read when the worker starts
        eng = Engine()
        eng.__enter__()
        eng.worker.ready()
    try:
        yield eng
    finally:
        eng.close()


def test_without_bwrap_model_answer_passes(engine_without_bwrap):
    assert not engine_without_bwrap.worker.mode.bwrap
    problem = get_problem("softmax")
    report = engine_without_bwrap.check(problem, problem.solution, "softmax.py")
    assert report.passed and report.error is None, _summary(report)
    assert "bubblewrap" not in report.sandbox


@pytest.mark.parametrize("case", WITHOUT_BWRAP, ids=lambda c: c.name)
def test_hostile_submission_without_bwrap(engine_without_bwrap, case):
    run_case(engine_without_bwrap, case, case.without_bwrap)
