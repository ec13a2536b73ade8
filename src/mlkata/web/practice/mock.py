"""Mock interview rounds, as `mlkata mock` runs them: start (or a loop), status, questions, submit,
abandon, history and one round's report."""

from __future__ import annotations

from pathlib import Path

from mlkata.cli import mock as mock_cli
from mlkata.cli import session
from mlkata.errors import MlkataError
from mlkata.practice import mock
from mlkata.problems.catalog import get_problem
from mlkata.web import practice
from mlkata.web.practice.rounds import NotFound, problem_info, require, starting


def _round_number(store, round_id: str) -> int | None:
    """The round's N in `mlkata mock history` (and `mock report N`)."""
    ids = [r.round_id for r in mock.numbered(store)]
    return ids.index(round_id) + 1 if round_id in ids else None


def _expired(store, at: float) -> dict | None:
    """A round whose time ran out is graded first, as every `mlkata mock` command does."""
    result = mock.settle_expired(store, at, mock_cli.judge)
    if result is not None:
        result["n"] = _round_number(store, result["round_id"])
    return result


def mock_start(workspace: Path, *, track: str | None = None, minutes: float | None = None,
               allow_hints: bool = False, loop: bool = False, problem_id: str | None = None) -> dict:
    """`mlkata mock start` (or `mlkata mock loop` with `loop`): a fresh starter in <workspace>/mock/."""
    if minutes is not None and minutes <= 0:
        raise MlkataError("The budget (minutes) must be positive.")
    with starting, session.open_store() as store:
        at = practice.now()
        expired = _expired(store, at)
        loop_state = None
        if loop:
            loop_state, state = mock.start_loop(store, workspace, minutes=minutes or mock.LOOP_MINUTES, track=track,
                                                allow_hints=allow_hints, at=at)
            problem = get_problem(loop_state["problems"][0])
        else:
            problem = get_problem(problem_id) if problem_id else mock.pick(store, track)
            state = mock.start(store, problem, workspace, minutes=minutes if minutes is not None else problem.minutes,
                               allow_hints=allow_hints, at=at)
        warnings = list(store.warnings)
    return {"started": state, "problem": problem_info(problem), "loop": loop_state, "expired_round": expired,
            "warnings": warnings}


def mock_state(workspace: Path | None = None) -> dict:
    """`mlkata mock status`: the open round's clock, phase and checks (a round out of time is graded first)."""
    with session.open_store() as store:
        at = practice.now()
        expired = _expired(store, at)
        rnd = mock.open_round(store)
        status = mock.status(store, rnd, at) if rnd is not None else None
        loop = store.round(rnd.data["loop"]) if rnd is not None and rnd.data.get("loop") else None
        warnings = list(store.warnings)
    out = {"open": status is not None, "round": status, "expired_round": expired, "warnings": warnings,
           "phases": [{"name": name, "share": share} for name, share in mock.PHASES]}
    if rnd is not None:
        problem = get_problem(rnd.problem_id)
        out["problem"] = problem_info(problem)
        out["questions"] = len(mock.questions(problem))
        out["minutes"] = rnd.data["minutes"]
        if loop is not None:
            problems = loop.data["problems"]
            out["loop"] = {"problems": problems, "index": problems.index(rnd.problem_id) + 1,
                           "minutes": loop.data["minutes"]}
    return out


def mock_questions() -> dict:
    """The open round's follow-up questions, each with what a Strong, Lean and No Hire answer says."""
    with session.open_store(read_only_ok=True) as store:
        rnd = require(store, "mock")
    return {"problem": rnd.problem_id, "questions": mock.questions(get_problem(rnd.problem_id)),
            "levels": ["strong", "lean", "no_hire"]}


def mock_submit(answers: list | None = None, grades: list | None = None) -> dict:
    """`mlkata mock submit --answer ... --grade ...`: judge the round's file on every check, apply the rubric,
    end the round (a loop moves on to its next problem). A round out of time is graded as it was."""
    with session.open_store() as store:
        at = practice.now()
        result = _expired(store, at)
        report = None
        if result is None:
            rnd = require(store, "mock")
            problem = get_problem(rnd.problem_id)
            report, source = mock_cli.judge(problem, Path(rnd.data["path"]))
            answers = [a.strip() or None if isinstance(a, str) else None for a in answers or []]
            grades = [mock_cli.LEVELS.get(g.strip().lower(), g) if isinstance(g, str) else None for g in grades or []]
            at = practice.now()
            result = mock.submit(store, rnd, problem, report, source, at, answers=answers, grades=grades)
            result["loop_progress"] = mock.after_submit(store, result, at)
            result["n"] = _round_number(store, result["round_id"])
        else:
            result["expired"] = True
        warnings = list(store.warnings)
    return {**result, "report": report.to_json() if report is not None else None, "warnings": warnings,
            "href": f"/practice/mock/rounds/{result['n']}"}


def mock_abandon() -> dict:
    """`mlkata mock abandon`: the open round ends as No Hire (a loop with it)."""
    with session.open_store() as store:
        at = practice.now()
        if _expired(store, at) is not None:
            raise MlkataError("The mock round's time had run out: it was graded as it was (see its report).")
        rnd = require(store, "mock")
        result = mock.abandon(store, rnd, at)
        result["n"] = _round_number(store, rnd.round_id)
    return result


def mock_history() -> dict:
    """`mlkata mock history`: past rounds and loops, newest first, numbered as `mock report N` takes them."""
    with session.open_store(read_only_ok=True) as store:
        if store.read_only is None:
            _expired(store, practice.now())
        rows = mock.numbered(store)
    return {"rounds": [mock.row_json(n, r) for n, r in enumerate(rows, 1)][::-1]}


def mock_round(n: int) -> dict:
    """`mlkata mock report N`: one round or loop, its verdict criterion by criterion, its answers."""
    with session.open_store(read_only_ok=True) as store:
        if store.read_only is None:
            _expired(store, practice.now())
        rows = mock.numbered(store)
        if not 1 <= n <= len(rows):
            raise NotFound(f"No mock round #{n}: the history lists {len(rows)}.")
        r = rows[n - 1]
        row = mock.row_json(n, r)
        loop = store.round(r.data["loop"]) if r.data.get("loop") else None
        current = mock.open_round(store)
    row["loop_round"] = None if loop is None else {"open": loop.open, "problems": loop.data["problems"],
                                                   "verdicts": loop.data.get("verdicts", {}),
                                                   "overall": loop.data.get("overall")}
    row["continue"] = current is not None and loop is not None and current.data.get("loop") == loop.round_id
    if r.mode == "mock":
        row["problem_title"] = get_problem(r.problem_id).title
    return {"round": row}
