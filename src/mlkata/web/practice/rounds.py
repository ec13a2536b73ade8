"""A practice round's file, reached through the open round of its mode (never a path from a request) and
only inside the server's workspace: read, saved and checked."""

from __future__ import annotations

import threading
from pathlib import Path

from mlkata.cli import session
from mlkata.errors import MlkataError
from mlkata.practice import debug as debug_mode
from mlkata.practice import mock
from mlkata.practice import review as review_mode
from mlkata.problems.catalog import get_problem
from mlkata.web import files, practice, result

MODES = ("mock", "debug", "review")
starting = threading.RLock()  # one round start at a time: two clicks never open two rounds


class NotFound(MlkataError):
    """What the request names does not exist (a 404)."""


def problem_info(problem) -> dict:
    return {"id": problem.id, "title": problem.title, "track": problem.track, "difficulty": problem.difficulty,
            "minutes": problem.minutes}


def open_round(store, mode: str):
    """The open round of `mode` (mock, debug or review), or None."""
    if mode == "mock":
        return mock.open_round(store)
    if mode == "debug":
        return debug_mode.open_round(store)
    if mode == "review":
        return review_mode.open_round(store)
    raise MlkataError(f"No practice mode {mode!r}: {', '.join(MODES)}.")


def require(store, mode: str):
    """The open round of `mode`; none is a usage error."""
    rnd = open_round(store, mode)
    if rnd is None:
        raise MlkataError(f"No {mode} round is open.")
    return rnd


def round_file(rnd, workspace: Path) -> Path:
    """The round's file: <workspace>/<mode>/<problem file>, and nothing else."""
    problem = get_problem(rnd.problem_id)
    path = Path(rnd.data.get("path") or "")
    expected = Path(workspace).absolute() / rnd.mode / problem.starter_filename
    if path.resolve() != expected.resolve():
        raise MlkataError(f"The open {rnd.mode} round's file ({path}) is not in this server's workspace "
                          f"({workspace}): work on it from the CLI.")
    return expected


def read_round_file(workspace: Path, mode: str) -> dict:
    with session.open_store(read_only_ok=True) as store:
        rnd = require(store, mode)
    path = round_file(rnd, workspace)
    return {"problem": rnd.problem_id, "path": str(path),
            "source": session.read_source(path) if path.exists() else ""}


def save_round_file(workspace: Path, mode: str, source: str) -> dict:
    with session.open_store(read_only_ok=True) as store:
        rnd = require(store, mode)
    path = round_file(rnd, workspace)
    files.write(path, source)
    return {"saved": True, "problem": rnd.problem_id, "path": str(path)}


def check_round_file(workspace: Path, mode: str, source: str | None) -> dict:
    """Save (when `source` is given), then check the round's file as `mlkata check <file>` does: judged,
    recorded, and the round's notes (a debug round counts its bugs, a review ends on a pass)."""
    from mlkata.service import client
    from mlkata.web.practice import debug, today
    from mlkata.web.practice import mock as mock_page

    with session.open_store(read_only_ok=True) as store:
        rnd = require(store, mode)
    path = round_file(rnd, workspace)
    if source is not None:
        files.write(path, source)
    reply = client.judge_file(rnd.problem_id, str(path))
    reply.pop("json", None)  # the CLI's --json text: the report is here already
    state = {"mock": lambda: mock_page.mock_state(workspace), "debug": debug.debug_state,
             "review": lambda: today.review_state(workspace)}
    out = {"reply": reply, "state": state[mode]()}
    if reply.get("event") == "result":
        if mode != "review":  # the panel's clock: the round's own (a review's budget is the problem's)
            reply = {**reply, "elapsed": mock.elapsed(rnd, practice.now()),
                     "problem": {**reply["problem"], "minutes": rnd.data["minutes"]}}
        out |= {"passed": reply["report"]["passed"], "html": result.to_html(reply)}
    return out
