"""The problem pages and their API: the list at /, a problem at /problems/<id>, and under
/api/problems/<id>/: file (GET, PUT), start, check, hint, solution (POST), events (server-sent events)."""

from __future__ import annotations

import json
import threading
import time

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse
from starlette.routing import Route

from mlkata.cli import session
from mlkata.errors import MlkataError
from mlkata.problems.catalog import all_problems
from mlkata.problems.problem import Problem
from mlkata.web import files, markdown, result
from mlkata.web.pages import api_error, render

SSE_PING = 15.0  # seconds between keep-alive comments on the events stream
_LOCKS_LOCK = threading.Lock()


def _problem(request: Request) -> Problem:
    """The problem named in the URL; 404 for anything that is not a known id (nothing is read)."""
    problem = all_problems().get(request.path_params["pid"])
    if problem is None:
        raise HTTPException(404, f"No problem {request.path_params['pid']!r}.")
    return problem


def _path(request: Request, problem: Problem):
    return files.path_of(request.app.state.workspace, problem)


def _lock(request: Request, problem: Problem) -> threading.Lock:
    """One lock per problem file: a save and the check of what it saved are not interleaved with another's."""
    with _LOCKS_LOCK:
        locks = request.app.state.__dict__.setdefault("check_locks", {})
        return locks.setdefault(problem.id, threading.Lock())


async def _body(request: Request) -> dict:
    try:
        data = await request.json()
    except (ValueError, UnicodeDecodeError):
        raise MlkataError("The request body must be a JSON object.") from None
    if not isinstance(data, dict):
        raise MlkataError("The request body must be a JSON object.")
    return data


# ---- pages


def problem_list(request: Request):
    """/: every problem with its state, best checks and whether a review is due."""
    from mlkata.practice import schedule, today
    from mlkata.store import StoreError

    problems = all_problems()
    warnings, summary, due = [], {}, set()
    try:
        with session.open_store(read_only_ok=True) as store:
            summary = store.summary()
            _, day_end = today.day_bounds(time.time())
            cards = schedule.sync(store, list(problems.values()), write=False)
            due = {pid for pid, (_, when) in cards.items() if when < day_end}
            warnings = list(store.warnings)
    except StoreError as exc:
        warnings.append(str(exc))
    rows = []
    for p in sorted(problems.values(), key=today.study_key):
        s = summary.get(p.id)
        state = "solved" if s and s.solved else "started" if s and (s.started_at or s.attempts) else "new"
        best = f"{s.best_checks_passed}/{s.best_checks_total}" if s and s.best_checks_total else ""
        rows.append({"id": p.id, "title": p.title, "track": p.track, "difficulty": p.difficulty,
                     "minutes": p.minutes, "framework": p.framework, "state": state, "best": best,
                     "attempts": s.attempts if s else 0, "due": p.id in due})
    counts = {k: sum(r["state"] == k for r in rows) for k in ("solved", "started", "new")}
    return render(request, "list.html", nav="problems", rows=rows, counts=counts, due=len(due & set(problems)),
                  warnings=warnings)


def problem_page(request: Request):
    """/problems/<id>: the statement beside the editor on the workspace file."""
    problem = _problem(request)
    path = _path(request, problem)
    try:
        state = files.read(path)
    except MlkataError as exc:  # unreadable or undecodable: say so in the page, never overwrite it blindly
        state = {"exists": True, "text": "", "mtime": None, "error": str(exc)}
    data = {"id": problem.id, "title": problem.title, "minutes": problem.minutes, "path": str(path),
            "filename": problem.starter_filename, "started_at": files.started_at(problem), "now": time.time(),
            "hints_total": len(problem.hints), **state}
    return render(request, "problem.html", nav="problems", problem=problem, path=path, data=data,
                  statement=markdown.to_html(problem.statement), page_json=json.dumps(data).replace("<", "\\u003c"))


# ---- API


def get_file(request: Request):
    problem = _problem(request)
    return JSONResponse({**files.read(_path(request, problem)), "started_at": files.started_at(problem)})


async def put_file(request: Request):
    problem = _problem(request)
    text = (await _body(request)).get("text")
    if not isinstance(text, str):
        return api_error(400, "usage", "Send {\"text\": \"...\"}.")
    path = _path(request, problem)
    if not path.exists():
        return api_error(409, "not-started", f"Start {problem.id} first: there is no {path.name} yet.")
    mtime = await run_in_threadpool(files.write, path, text)
    return JSONResponse({"saved": True, "mtime": mtime})


async def start(request: Request):
    problem = _problem(request)
    path = _path(request, problem)
    if path.exists():
        return api_error(409, "exists", f"{path} already exists: keep working on it.")
    await run_in_threadpool(files.start, request.app.state.workspace, problem)
    return JSONResponse({**files.read(path), "started_at": files.started_at(problem), "now": time.time()})


async def check(request: Request):
    """Save the text (when sent), then check the file as `mlkata check` does (recorded)."""
    from mlkata.service import client

    problem = _problem(request)
    body = await _body(request) if await request.body() else {}
    path = _path(request, problem)
    if not path.exists():
        return api_error(409, "not-started", f"Start {problem.id} first: there is no {path.name} yet.")
    text = body.get("text")
    if text is not None and not isinstance(text, str):
        return api_error(400, "usage", "\"text\" must be a string.")
    def save_and_judge() -> dict:
        with _lock(request, problem):  # two tabs on one file: each check judges the text it saved
            if text is not None:
                files.write(path, text)
            return client.judge_file(problem.id, str(path))

    reply = await run_in_threadpool(save_and_judge)
    if reply.get("event") != "result":
        return api_error(400, str(reply.get("kind") or "usage"), str(reply.get("message")))
    return JSONResponse({"passed": reply["report"]["passed"], "html": result.to_html(reply), "report": reply["report"],
                         "elapsed": reply.get("elapsed"), "notes": reply.get("notes", []),
                         "warnings": reply.get("warnings", [])})


def hint(request: Request):
    """The next hint, as `mlkata hint` gives it (an open round may give its own, or refuse)."""
    from mlkata import practice

    problem = _problem(request)
    with session.open_store() as store:
        instead = practice.hint(store, problem)
        if instead is not None:
            return JSONResponse({"text": instead, "round": True, "warnings": list(store.warnings)})
        used = store.hints_used(problem.id)
        total = len(problem.hints)
        if used >= total:
            return JSONResponse({"all": list(problem.hints), "total": total, "warnings": list(store.warnings),
                                 "text": f"All {total} hints are revealed." if total else "This problem has no hints."})
        index = store.record_hint(problem.id)
        return JSONResponse({"text": problem.hints[index], "index": index, "total": total,
                             "warnings": list(store.warnings)})


async def solution(request: Request):
    """The model answer, as `mlkata solution` gives it: locked by an open round; unsolved needs confirm."""
    from mlkata import practice

    problem = _problem(request)
    confirm = (await _body(request) if await request.body() else {}).get("confirm") is True
    with session.open_store() as store:
        locked = practice.solution_locked(store, problem)
        if locked:
            return api_error(403, "locked", locked)
        if not (store.solved(problem.id) or confirm):
            return api_error(409, "confirm", f"You have not solved {problem.id} yet. Reveal the model answer?")
        store.record_solution(problem.id)
        warnings = list(store.warnings)
    return JSONResponse({"code": problem.solution, "html": markdown.to_html(f"```python\n{problem.solution}\n```"),
                         "warnings": warnings})


async def events(request: Request):
    """Server-sent events: `file` with {exists, text, mtime} whenever the file changes on disk."""
    from mlkata.web import watch

    problem = _problem(request)
    path = _path(request, problem)
    return StreamingResponse(watch.stream(request, path, SSE_PING), media_type="text/event-stream",
                             headers={"X-Accel-Buffering": "no"})


def _api(path: str, endpoint, methods=("POST",)) -> Route:
    return Route(f"/api/problems/{{pid}}/{path}", endpoint, methods=list(methods))


routes = [
    Route("/", problem_list),
    Route("/problems/{pid}", problem_page),
    _api("file", get_file, ("GET",)),
    _api("file", put_file, ("PUT",)),
    _api("start", start),
    _api("check", check),
    _api("hint", hint),
    _api("solution", solution),
    _api("events", events, ("GET",)),
]
