"""Hostile submissions, stored as data in tests/hostile/, run through the real engine in every
sandbox mode this machine supports (bwrap, plain), and a few in MLKATA_SANDBOX=none too.

Each file opens with header comments that declare what must happen:

    # expect: <verdict>        an ErrorKind value, or `fail` (judged, not passed, no error),
                               or `pass` (judged and passed)
    # expect-<mode>: <verdict> the verdict in one mode (bwrap, plain, none) when it differs;
                               a file is run in mode none only if it declares one there
                               (`# without-bwrap:` is the old spelling of `# expect-none:`)
    # problem: <id>            the problem it targets (default: softmax)
    # message: <text>          must appear in the verdict's message (repeatable);
                               `# message-<mode>:` in one mode only
    # line: <n>                the error's line
    # time_limit: <seconds>    run against a copy of the problem with this time limit
    # needs: <layer>           only meaningful with that layer: bwrap, seccomp, or
                               confinement (bubblewrap or Landlock: the file system is confined)
    # output: truncated        the output is truncated and its full size reported
    # runs: <n>                checked n times in a row; the last check is judged

A file that is after something (the model answer, the user's data, a channel between
checks) answers right only when it got it: `pass` there means a breach.

Every mode runs in one shared world: a data folder with a progress store holding records, its
seal key and the reference cache, and a workspace with the user's files, all open to any uid
but the key (so that the sandbox, not file modes, keeps them safe). For every case: the
verdict is the declared one, its message names what happened (no traceback from inside
mlkata), it comes back in bounded time, the worker has no process left behind and was not
restarted, a normal check of the model answer passes right after (the engine keeps serving),
and the store's rows (also after its pending journal is replayed), the workspace, the seal key
and the cache are as they were, with no scratch folder left behind.
"""

from __future__ import annotations

import dataclasses
import glob
import os
import re
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mlkata import paths, seal
from mlkata.judge import bwrap, cache, landlock, wire
from mlkata.judge.engine import Engine
from mlkata.judge.supervisor import choose_mode
from mlkata.judge.verdict import ErrorKind, Report
from mlkata.judge.worker import SCRATCH_PREFIX
from mlkata.problems.catalog import get_problem
from mlkata.store import CheckRecord, Store
from mlkata.store.journal import journal_path_for

HOSTILE_DIR = Path(__file__).parent / "hostile"
MODES = ("bwrap", "plain")
VERDICTS = {k.value for k in ErrorKind} | {"fail", "pass"}
KEYS = ("expect", "expect-bwrap", "expect-plain", "expect-none", "without-bwrap", "problem", "message",
        "message-bwrap", "message-plain", "message-none", "line", "time_limit", "needs", "output", "runs")
HEADER = re.compile(r"^#\s*(" + "|".join(KEYS) + r"):\s*(.*?)\s*$")
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
    per_mode: dict[str, str] = field(default_factory=dict)
    problem: str = "softmax"
    messages: list[str] = field(default_factory=list)
    mode_messages: dict[str, list[str]] = field(default_factory=dict)
    line: int | None = None
    time_limit: float | None = None
    needs: list[str] = field(default_factory=list)
    output: str | None = None
    runs: int = 1

    @property
    def name(self) -> str:
        return self.path.stem

    def expected(self, mode: str) -> str | None:
        """The verdict in `mode`; None where the file is not run in it."""
        return self.per_mode.get(mode, self.expect if mode != "none" else None)

    def words(self, mode: str) -> list[str]:
        return [*self.messages, *self.mode_messages.get(mode, [])]


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
        elif key.startswith("expect-") or key == "without-bwrap":
            case.per_mode["none" if key == "without-bwrap" else key.removeprefix("expect-")] = value
        elif key == "problem":
            case.problem = value
        elif key == "message":
            case.messages.append(value)
        elif key.startswith("message-"):
            case.mode_messages.setdefault(key.removeprefix("message-"), []).append(value)
        elif key == "line":
            case.line = int(value)
        elif key == "time_limit":
            case.time_limit = float(value)
        elif key == "needs":
            case.needs.append(value)
        elif key == "output":
            case.output = value
        elif key == "runs":
            case.runs = int(value)
    return case


CASES = [parse(p) for p in sorted(HOSTILE_DIR.glob("*.py"))]
IN_NONE_MODE = [c for c in CASES if c.expected("none")]


def test_every_hostile_file_declares_a_known_verdict():
    assert len(CASES) >= 50
    for case in CASES:
        assert case.expect in VERDICTS, f"{case.path.name}: bad or missing `# expect:` ({case.expect!r})"
        assert all(v in VERDICTS for v in case.per_mode.values()), case.path.name
        assert set(case.per_mode) | set(case.mode_messages) <= {*MODES, "none"}, case.path.name
        assert set(case.needs) <= {"bwrap", "seccomp", "confinement"}, case.path.name
        assert case.runs >= 1, case.path.name
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


# -- the shared world: the user's data and files, open to any uid ----------------------

@dataclass
class World:
    root: Path
    home: Path
    workspace: Path
    rows: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)
    key: bytes = b""
    outcomes: dict = field(default_factory=dict)

    @property
    def store(self) -> Path:
        return self.home / "mlkata.sqlite3"

    def store_rows(self) -> dict[str, list]:
        conn = sqlite3.connect(f"file:{self.store}?mode=ro", uri=True)
        try:
            tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
            return {t: sorted(map(repr, conn.execute(f"SELECT * FROM {t}"))) for t in tables}
        finally:
            conn.close()

    def workspace_files(self) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(self.workspace.iterdir())}

    def cached(self) -> dict[str, bytes]:
        """The softmax bundle's outcomes, each encoded: empty if its seal does not verify."""
        outcomes = cache.load(get_problem("softmax"))["outcomes"]
        return {name: wire.encode([{"v": o.value} if o.ok else {"e": o.error} for o in items], trusted=True)
                for name, items in outcomes.items()}

    def open_to_all(self) -> None:
        """Every folder and file but the seal key writable by any uid: only the sandbox protects them."""
        for folder, _, names in os.walk(self.root):
            os.chmod(folder, 0o777)
            for name in names:
                if name != seal.KEY_NAME:
                    os.chmod(os.path.join(folder, name), 0o666)

    def snapshot(self) -> None:
        self.rows, self.files = self.store_rows(), self.workspace_files()
        self.key, self.outcomes = (self.home / seal.KEY_NAME).read_bytes(), self.cached()
        assert self.rows["checks"] and self.outcomes

    def assert_intact(self, engine: Engine) -> None:
        assert self.store_rows() == self.rows, "the store's rows changed"
        if journal_path_for(self.store).exists():  # what a reopened store would replay
            with Store.open(self.store):
                pass
            assert self.store_rows() == self.rows, "the pending journal added records the engine never wrote"
        assert self.workspace_files() == self.files, "the workspace changed"
        key = self.home / seal.KEY_NAME
        assert key.read_bytes() == self.key and key.stat().st_mode & 0o777 == 0o600, "the seal key changed"
        cached = self.cached()
        assert {n: cached.get(n) for n in self.outcomes} == self.outcomes, "the cache lost or changed outcomes"
        strays = [p for p in paths.cache_dir().iterdir() if not p.name.endswith(".bin")]
        assert not strays, strays
        pid = engine.worker.info["pid"]
        assert not glob.glob(os.path.join(tempfile.gettempdir(), f"{SCRATCH_PREFIX}{pid}-*")), "scratch left behind"


def available_modes() -> list[str]:
    return [m for m in MODES if m != "bwrap" or bwrap.bwrap_path() is not None]


@pytest.fixture(scope="module")
def world():
    root = Path(tempfile.mkdtemp(prefix="mlkata-hostile-"))
    made = World(root, root / "home", root / "workspace")
    made.workspace.mkdir()
    (made.workspace / "softmax.py").write_text(get_problem("softmax").starter)
    (made.workspace / "attention.py").write_text("# the user's own attention, half done\n")
    (made.workspace / "notes.txt").write_text("remember the max shift\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MLKATA_HOME", str(made.home))
        with Store.open(made.store) as store:
            store.record_start("softmax", str(made.workspace))
            store.record_hint("softmax")
            store.record_check(CheckRecord("softmax", False, ["no-max-shift"], 3, 5))
    try:
        yield made
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def engines(world):
    """One engine per mode, all started in the world (its data folder, workspace and cwd)."""
    started: dict[str, Engine] = {}
    softmax = get_problem("softmax")
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("MLKATA_HOME", str(world.home))
            mp.setenv("MLKATA_WORKSPACE", str(world.workspace))
            mp.chdir(world.workspace)
            for mode in available_modes():
                mp.setenv("MLKATA_SANDBOX", mode)  # read when the worker starts
                started[mode] = Engine()
                started[mode].worker.start()
            for engine in started.values():
                assert engine.check(softmax, softmax.solution).passed  # and the cache is written
            world.open_to_all()
            world.snapshot()  # under the world's MLKATA_HOME: its cache, not whatever this process had
        yield started
    finally:
        for engine in started.values():
            engine.close()


@pytest.fixture
def in_world(world, monkeypatch):
    """This process reads the world's cache and store (the engine's cache follows MLKATA_HOME)."""
    monkeypatch.setenv("MLKATA_HOME", str(world.home))
    monkeypatch.setenv("MLKATA_WORKSPACE", str(world.workspace))


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


def run_case(engine: Engine, case: Hostile, expect: str, words: list[str]) -> None:
    base = get_problem(case.problem)
    problem = base if case.time_limit is None else dataclasses.replace(base, time_limit=case.time_limit)
    worker_before, _ = worker_processes(engine)

    for _ in range(case.runs):
        started = time.monotonic()
        report = engine.check(problem, case.path.read_text(encoding="utf-8"), f"{case.problem}.py")
        elapsed = time.monotonic() - started
        assert elapsed < problem.time_limit + SLACK, f"took {elapsed:.1f} s"

    assert _verdict(report) == expect, _summary(report)
    message = _message(report)
    assert message.strip(), "the verdict must say what happened"
    for word in [*KIND_WORDS.get(expect, []), *words]:
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
    if "confinement" in case.needs and not mode.confined:
        pytest.skip("needs a confined file system (bubblewrap or Landlock)")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
@pytest.mark.parametrize("mode", MODES)
def test_hostile_submission(engines, world, in_world, mode, case):
    if mode not in engines:
        pytest.skip(f"{mode} mode is not available here")
    engine = engines[mode]
    _skip_unless_layers(engine, case)
    run_case(engine, case, case.expected(mode), case.words(mode))
    world.assert_intact(engine)


def test_each_mode_says_what_confines_the_submission(engines):
    for mode, engine in engines.items():
        engine.worker.ready()
        described = engine.worker.mode.describe()
        assert engine.worker.mode.kind == mode
        if mode == "bwrap":
            assert "bubblewrap" in described and engine.worker.mode.warning() is None
        elif landlock.abi():
            assert f"Landlock ABI {landlock.abi()}" in described and "bubblewrap" not in described
            assert engine.worker.mode.confined and engine.worker.mode.warning() is None
        else:
            assert "UNCONFINED" in described and "unconfined" in engine.worker.mode.warning().lower()
        assert engine.worker.mode.seccomp


def test_auto_mode_prefers_bwrap_then_plain(monkeypatch):
    monkeypatch.delenv("MLKATA_SANDBOX", raising=False)
    assert choose_mode() == ("bwrap" if bwrap.bwrap_path() is not None else "plain")


# -- the same engine without any sandbox (MLKATA_SANDBOX=none) --------------------------

@pytest.fixture(scope="module")
def engine_without_sandbox():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MLKATA_SANDBOX", "none")  # read when the worker starts
        eng = Engine()
        eng.__enter__()
        eng.worker.ready()
    try:
        yield eng
    finally:
        eng.close()


def test_without_sandbox_model_answer_passes_and_says_unconfined(engine_without_sandbox):
    assert not engine_without_sandbox.worker.mode.bwrap
    problem = get_problem("softmax")
    report = engine_without_sandbox.check(problem, problem.solution, "softmax.py")
    assert report.passed and report.error is None, _summary(report)
    assert "bubblewrap" not in report.sandbox and "UNCONFINED" in report.sandbox
    assert "debugging" in engine_without_sandbox.worker.mode.warning()


@pytest.mark.parametrize("case", IN_NONE_MODE, ids=lambda c: c.name)
def test_hostile_submission_without_sandbox(engine_without_sandbox, case):
    run_case(engine_without_sandbox, case, case.expected("none"), case.words("none"))
