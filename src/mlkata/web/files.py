"""The workspace files the server reads and writes: only `<workspace>/<problem.starter_filename>` of a
known problem (the same file as the CLI's), named by problem, never by a path from the request."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from mlkata.cli import session
from mlkata.errors import MlkataError
from mlkata.problems.problem import Problem

MAX_BYTES = session.MAX_SOURCE_BYTES


def path_of(workspace: Path, problem: Problem) -> Path:
    return workspace / problem.starter_filename


def read(path: Path) -> dict:
    """{exists, text, mtime} of a problem's file (text decoded as Python decodes it)."""
    if not path.is_file():
        return {"exists": False, "text": "", "mtime": None}
    return {"exists": True, "text": session.read_source(path), "mtime": path.stat().st_mtime}


def write(path: Path, text: str) -> float:
    """Replace the file's text atomically (a temporary file beside it, then a rename); returns the mtime.
    A symlinked file is written where it points, as an editor would."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) > MAX_BYTES:
        raise MlkataError(f"The file would be {len(data)} bytes; a submission must be under {MAX_BYTES} bytes.")
    target = path.resolve() if path.is_symlink() else path
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target.stat().st_mtime


def start(workspace: Path, problem: Problem) -> Path:
    """What `mlkata start` does without --force: write the starter and the statement into the workspace
    and start the clock, all or nothing. Refuses when the file exists."""
    session.start(problem, workspace)
    return path_of(workspace, problem)


def started_at(problem: Problem) -> float | None:
    """When the clock of this problem started (None: never, or no store)."""
    from mlkata.store import StoreError

    try:
        with session.open_store(read_only_ok=True) as store:
            return store.started_at(problem.id)
    except StoreError:
        return None

