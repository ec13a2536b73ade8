"""Fix-the-bug rounds, as `mlkata debug` runs them: start (or resume), status and abandon."""

from __future__ import annotations

from pathlib import Path

from mlkata.cli import session
from mlkata.errors import MlkataError
from mlkata.practice import debug as debug_mode
from mlkata.problems.catalog import get_problem
from mlkata.web import practice
from mlkata.web.practice.rounds import require, starting


def debug_start(workspace: Path, problem_id: str | None = None, seed: int | None = None,
                bugs: int | None = None) -> dict:
    """`mlkata debug [ID]`: the open round (of that problem), or a new one composed and written to
    <workspace>/debug/<file> (composing judges candidates in this process: up to ~30 s)."""
    if bugs is not None and not 1 <= bugs <= debug_mode.MAX_BUGS:
        raise MlkataError(f"A debug round injects 1 to {debug_mode.MAX_BUGS} bugs, not {bugs}.")
    with starting, session.open_store() as store:
        current = debug_mode.open_round(store)
        if current is not None:
            if problem_id in (None, current.problem_id):
                return {"resumed": True, "round": debug_mode.summary(current, "open"), "href": "/practice/debug"}
            raise MlkataError(f"A debug round of {current.problem_id} is open: finish it, or abandon it first.")
        past = store.rounds(mode=debug_mode.MODE)
        seed = len(past) if seed is None else seed
        problem = get_problem(problem_id) if problem_id else debug_mode.draw(store, past, seed)
        rnd = debug_mode.build(problem, seed=seed, bugs=bugs)
        path = Path(workspace).absolute() / "debug" / problem.starter_filename
        started = debug_mode.start(store, rnd, path)
    return {"resumed": False, "round": debug_mode.summary(started, "open"), "href": "/practice/debug"}


def debug_state() -> dict:
    """`mlkata debug --status`: the open round, else the latest one ended (solved or abandoned).
    The injected bugs are never named, except those a hint named."""
    with session.open_store(read_only_ok=True) as store:
        rounds = store.rounds(mode=debug_mode.MODE)
    if not rounds:
        return {"round": None}
    rnd = rounds[0]
    summary = debug_mode.summary(rnd, "open" if rnd.open else rnd.outcome or "ended")
    if not rnd.open:
        seconds = rnd.data.get("seconds", (rnd.ended_at or practice.now()) - rnd.started_at)
        summary["elapsed_seconds"] = round(seconds, 1)
    return {"round": summary}


def debug_abandon() -> dict:
    """`mlkata debug --abandon`: the open round ends unsolved."""
    with session.open_store() as store:
        current = require(store, "debug")
        ended = debug_mode.abandon(store, current)
    return {"round": debug_mode.summary(ended, "abandoned")}
