"""What the commands share: find the workspace and the file, start a problem, read it, judge it, record
the attempt."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
import time
import tokenize
from collections.abc import Callable
from pathlib import Path

from mlkata import paths
from mlkata.cli import quick
from mlkata.errors import MlkataError
from mlkata.judge.engine import Engine
from mlkata.judge.verdict import Report
from mlkata.problems.catalog import get_problem, infer_problem_id
from mlkata.problems.problem import Problem

MAX_SOURCE_BYTES = 1 << 20
WORKSPACE_NAME, WORKSPACE_MARKER = paths.WORKSPACE_NAME, paths.WORKSPACE_MARKER
NOT_RECORDED = "This check was not recorded."
MARKER_TEXT = paths.WORKSPACE_MARKER_TEXT


def preload_for(problem: Problem) -> tuple[str, ...]:
    """What the worker imports up front: torch only when the problem needs it."""
    return ("numpy", "torch") if problem.framework == "torch" else ("numpy",)


def find_workspace(cwd: Path | None = None) -> Path:
    """The workspace for this folder (paths.default_workspace: found from any folder inside it)."""
    return paths.default_workspace(cwd)


class Staged:
    """Folders and files written for one command, undone together if a later step fails: all or nothing."""

    def __init__(self) -> None:
        self._undo: list[Callable[[], object]] = []

    def mkdir(self, folder: Path) -> None:
        missing = [p for p in (folder, *folder.parents) if not p.exists()]
        folder.mkdir(parents=True, exist_ok=True)
        self._undo += [p.rmdir for p in reversed(missing)]  # undone deepest first

    def write(self, path: Path, text: str) -> None:
        old = path.read_bytes() if path.exists() else None
        self._undo.append(path.unlink if old is None else lambda: path.write_bytes(old))
        path.write_text(text, encoding="utf-8")

    def copy(self, source: Path, target: Path) -> None:
        self._undo.append(target.unlink)
        shutil.copy2(source, target)

    def undo(self) -> None:
        for action in reversed(self._undo):
            with contextlib.suppress(OSError):
                action()
        self._undo.clear()

    @contextlib.contextmanager
    def all_or_nothing(self, what: str, where: Path):
        """Undo every write if the block fails; a file or store failure becomes one clear MlkataError
        ("Could not <what> (<file>: <reason>). Nothing was written.")."""
        from mlkata.store import StoreError

        try:
            yield self
        except (OSError, StoreError) as exc:
            self.undo()
            reason = f"{exc.filename or where}: {exc.strerror or exc}" if isinstance(exc, OSError) else exc
            raise MlkataError(f"Could not {what} ({reason}). Nothing was written.") from None
        except BaseException:
            self.undo()
            raise


def start(problem: Problem, workspace: Path, *, replace: bool = False) -> tuple[Path | None, list[str]]:
    """What `mlkata start` does: open the store (one that cannot record the start stops here), then
    `start_in`. Returns (the backup, the store's warnings)."""
    from mlkata.store import StoreError

    try:
        store = open_store()
    except StoreError as exc:
        raise MlkataError(f"{exc} Nothing was written: starting records when your clock starts.") from None
    with store:
        return start_in(store, problem, workspace, replace=replace), list(store.warnings)


def start_in(store, problem: Problem, workspace: Path, *, replace: bool = False) -> Path | None:
    """Write the starter and the statement into `workspace` and start the clock, all or nothing. An
    existing file is refused, or kept as a timestamped backup when `replace`; returns the backup."""

    target = workspace / problem.starter_filename
    if target.exists() and not replace:
        raise MlkataError(f"{target} already exists: keep working on it.")
    with Staged().all_or_nothing(f"start {problem.id}", workspace) as staged:
        backup = stage_starter(staged, problem, target, workspace)
        store.record_start(problem.id, str(workspace))
    return backup


def stage_starter(staged: Staged, problem: Problem, target: Path, workspace: Path) -> Path | None:
    """Through `staged`: the starter at `target` (an existing file kept as a timestamped backup, returned),
    the statement beside it, and the workspace marker if the workspace has none."""
    staged.mkdir(target.parent)
    backup = None
    if target.exists():
        backup = target.with_name(f"{target.name}.{time.strftime('%Y%m%d-%H%M%S')}.bak")
        staged.copy(target, backup)
    staged.write(target, problem.starter)
    staged.write(target.with_suffix(".md"), problem.statement)
    if not (workspace / WORKSPACE_MARKER).exists():
        staged.write(workspace / WORKSPACE_MARKER, MARKER_TEXT)
    return backup


def resolve_target(target: str | None, path: Path | None, workspace: Path | None = None) -> tuple[Problem, Path]:
    """`check ID`, `check PATH`, `check ID PATH`: find the problem and the file (`workspace`: the
    client's, when the judge service resolves it on a client's behalf)."""
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
    return problem, path if path is not None else (workspace or find_workspace()) / problem.starter_filename


def read_source(path: Path) -> str:
    """The file's text, decoded as Python decodes it: UTF-8 unless a coding comment says otherwise."""
    if not path.exists():
        raise MlkataError(f"No file at {path}. Run `mlkata start <id>` to create it, or give its path.")
    if path.is_dir():
        raise MlkataError(f"{path} is a directory; give the .py file to check.")
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise MlkataError(f"{path} is {size} bytes; a submission must be under {MAX_SOURCE_BYTES} bytes.")
        data = path.read_bytes()
    except OSError as exc:
        raise MlkataError(f"Cannot read {path}: {exc.strerror}.") from None
    return decode_source(data, path)


def decode_source(data: bytes, path: Path) -> str:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        if "invalid or missing" not in str(exc):  # an unknown encoding, or a BOM that contradicts it
            raise MlkataError(f"{path}: {exc}. Save it as UTF-8, or name an encoding Python knows.") from None
        encoding = "utf-8"  # the first lines are not UTF-8: the decode below says where
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise MlkataError(f"{path}, line {line}, column {column}: not valid {encoding.upper()} text. Save it as "
                          "UTF-8, or declare its encoding on the first line (# -*- coding: latin-1 -*-).") from None
    return text.removeprefix("\ufeff")


def source_hash(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()


def judge(engine: Engine, problem: Problem, path: Path, shown: str | None = None) -> tuple[Report, str]:
    """(the report, the source it judged). `shown`: the file as the user named it (the judge service reads
    an absolute path on a client's behalf; messages and line references say what the user typed)."""
    try:
        source = read_source(path)
    except MlkataError as exc:
        if shown is None:
            raise
        raise MlkataError(str(exc).replace(str(path), shown)) from None
    return engine.check(problem, source, shown or str(path)), source


def open_store(read_only_ok: bool = False, note: str = "Nothing is recorded until then."):
    """The progress store. With `read_only_ok`, a store that cannot be written is opened for reading,
    with a warning that ends with `note`."""
    from mlkata.store import Store, StoreNotWritable

    try:
        return Store.open()
    except StoreNotWritable as exc:
        if not read_only_ok:
            raise
        store = Store.open_readonly(exc)
        store.warnings.append(f"{exc} {note}")
        return store


def round_notes(problem: Problem, report: Report, path: Path) -> list[str]:
    """Lines the open practice rounds of this problem add after a check (a store that cannot be read: none)."""
    from mlkata import practice
    from mlkata.store import StoreError

    try:
        with open_store(read_only_ok=True) as store:
            return practice.check_notes(store, problem, report, path)
    except StoreError:
        return []


def record(problem: Problem, report: Report, path: Path, source: str) -> tuple[float | None, list[str]]:
    """Store the attempt; returns (seconds since start, warnings to show). A store that cannot take the
    record costs a warning, never the report."""
    from mlkata.store import CheckRecord, StoreError

    rec = CheckRecord(
        problem_id=problem.id, passed=report.passed, mistakes=[m.id for m in report.mistakes],
        checks_passed=sum(c.passed for c in report.checks), checks_total=len(report.checks),
        error_kind=report.error.kind if report.error else None, path=str(path),
        judge_seconds=report.judge_seconds, source_hash=source_hash(source),
    )
    try:
        with open_store(read_only_ok=True, note=NOT_RECORDED) as store:
            if store.read_only is None:
                try:
                    store.record_check(rec)
                except StoreError as exc:
                    store.warnings.append(f"{exc} {NOT_RECORDED}")
            started = store.started_at(problem.id)
            return (time.time() - started if started else None), list(store.warnings)
    except StoreError as exc:
        return None, [f"{exc} {NOT_RECORDED}"]


def report_json(report: Report, problem: Problem, elapsed: float | None, round_notes: list[str] | None = None) -> str:
    data = report.to_json()
    data["time_since_start"] = elapsed
    data["budget_seconds"] = problem.minutes * 60
    data["round_notes"] = list(round_notes or [])  # what an open practice round says about this check
    return json.dumps(data, allow_nan=False, default=str)


error_json = quick.error_json  # one JSON error shape for the thin and the full `check`
