"""The practice pages of `mlkata serve`: today's queue, mock rounds, fix-the-bug rounds, reviews and the
progress dashboard.

The data functions call the same practice library (and the same CLI helpers) as `mlkata today`, `review`,
`mock`, `debug` and `report`, and return plain dicts. They block (store, judge, matplotlib), so the routes
run them in a thread. A round's file is reached through the open round of its mode, never through a
path taken from a request, and only inside the server's workspace.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from mlkata.cli import debug as debug_cli
from mlkata.cli import mock as mock_cli
from mlkata.cli import session
from mlkata.errors import MlkataError, UnknownProblem
from mlkata.practice import debug as debug_mode
from mlkata.practice import mock, schedule
from mlkata.practice import review as review_mode
from mlkata.practice import today as queue_mode
from mlkata.problems.catalog import all_problems, get_problem
from mlkata.web import files, pages, result

MODES = ("mock", "debug", "review")
_starting = threading.RLock()  # one round start at a time: two clicks never open two rounds


class NotFound(MlkataError):
    """What the request names does not exist (a 404)."""


def now() -> float:
    """The pages' clock (tests replace it to drive mock rounds)."""
    return time.time()


def _problem_info(problem) -> dict:
    return {"id": problem.id, "title": problem.title, "track": problem.track, "difficulty": problem.difficulty,
            "minutes": problem.minutes}


# ---- round files -------------------------------------------------------------------------------------

def open_round(store, mode: str):
    """The open round of `mode` (mock, debug or review), or None."""
    if mode == "mock":
        return mock.open_round(store)
    if mode == "debug":
        return debug_mode.open_round(store)
    if mode == "review":
        return review_mode.open_round(store)
    raise MlkataError(f"No practice mode {mode!r}: {', '.join(MODES)}.")


def round_file(rnd, workspace: Path) -> Path:
    """The round's file: <workspace>/<mode>/<problem file>, and nothing else."""
    problem = get_problem(rnd.problem_id)
    path = Path(rnd.data.get("path") or "")
    expected = Path(workspace).absolute() / rnd.mode / problem.starter_filename
    if path.resolve() != expected.resolve():
        raise MlkataError(f"The open {rnd.mode} round's file ({path}) is not in this server's workspace "
                          f"({workspace}): work on it from the CLI.")
    return expected


def _require(store, mode: str):
    rnd = open_round(store, mode)
    if rnd is None:
        raise MlkataError(f"No {mode} round is open.")
    return rnd


def read_round_file(workspace: Path, mode: str) -> dict:
    with session.open_store(read_only_ok=True) as store:
        rnd = _require(store, mode)
    path = round_file(rnd, workspace)
    return {"problem": rnd.problem_id, "path": str(path),
            "source": session.read_source(path) if path.exists() else ""}


def save_round_file(workspace: Path, mode: str, source: str) -> dict:
    with session.open_store(read_only_ok=True) as store:
        rnd = _require(store, mode)
    path = round_file(rnd, workspace)
    files.write(path, source)
    return {"saved": True, "problem": rnd.problem_id, "path": str(path)}


def check_round_file(workspace: Path, mode: str, source: str | None) -> dict:
    """Save (when `source` is given), then check the round's file as `mlkata check <file>` does: judged,
    recorded, and the round's notes (a debug round counts its bugs, a review ends on a pass)."""
    from mlkata.service import client

    with session.open_store(read_only_ok=True) as store:
        rnd = _require(store, mode)
    path = round_file(rnd, workspace)
    if source is not None:
        files.write(path, source)
    reply = client.judge_file(rnd.problem_id, str(path))
    reply.pop("json", None)  # the CLI's --json text: the report is here already
    state = {"mock": lambda: mock_state(workspace), "debug": debug_state, "review": lambda: review_state(workspace)}
    out = {"reply": reply, "state": state[mode]()}
    if reply.get("event") == "result":
        if mode != "review":  # the panel's clock: the round's own (a review's budget is the problem's)
            reply = {**reply, "elapsed": mock.elapsed(rnd, now()),
                     "problem": {**reply["problem"], "minutes": rnd.data["minutes"]}}
        out |= {"passed": reply["report"]["passed"], "html": result.to_html(reply)}
    return out


# ---- today's queue and reviews -----------------------------------------------------------------------

def _start_action(item: queue_mode.Item, open_review: str | None) -> dict:
    """What the page's button for a queue item does."""
    if item.kind == "new":
        return {"label": "Open", "href": f"/problems/{item.problem_id}"}
    if item.kind == "review":
        label = "Resume review" if open_review == item.problem_id else "Start review"
        return {"label": label, "post": "/api/practice/review/start", "body": {"problem": item.problem_id},
                "then": "/practice/review"}
    return {"label": "Start debug round", "post": "/api/practice/debug/start", "body": {"problem": item.problem_id},
            "then": "/practice/debug"}


def today_data(minutes: int = queue_mode.DEFAULT_MINUTES) -> dict:
    """`mlkata today`: the queue under a budget, today's plan items, the weak tracks, and the open rounds."""
    from mlkata.practice import assess, plan

    with session.open_store(read_only_ok=True) as store:
        at = now()
        weak = frozenset(assess.weak_tracks(store))
        queue = queue_mode.build(store, all_problems(), at, minutes, write=store.read_only is None, weak=weak)
        planned = plan.today_items(store, date.fromtimestamp(at))
        rounds = {mode: open_round(store, mode) for mode in MODES}
        warnings = list(store.warnings)
    review = rounds["review"].problem_id if rounds["review"] else None
    items = [asdict(i) | {"action": _start_action(i, review)} for i in queue.items]
    return {**queue.to_json(), "items": items, "plan": planned, "weak_tracks": sorted(weak),
            "open": {mode: None if r is None else {"problem": r.problem_id, "started_at": r.started_at,
                                                   "href": f"/practice/{mode}"} for mode, r in rounds.items()},
            "warnings": warnings}


def review_start(workspace: Path, problem_id: str | None = None) -> dict:
    """`mlkata review [ID]`: resume the open review, or start one of a solved problem, or today's first item
    (a new problem is started as `mlkata start` does, then opened on its page; a debug round is started as
    `mlkata debug` does)."""
    from mlkata.practice import assess

    debug_id = new_id = None
    with _starting, session.open_store() as store:
        schedule.sync(store, all_problems().values())  # as `mlkata review`: first cards of plain solves
        rnd = review_mode.open_round(store, problem_id)
        if rnd is not None:
            return {"action": "resume", **review_mode.round_json(rnd, get_problem(rnd.problem_id)),
                    "href": "/practice/review"}
        if problem_id is not None and not store.solved(get_problem(problem_id).id):
            raise MlkataError(f"{problem_id} is not solved yet, so there is nothing to review: start it on its "
                              "page.")
        if problem_id is None:
            queue = queue_mode.build(store, all_problems(), now(), queue_mode.DEFAULT_MINUTES,
                                     weak=frozenset(assess.weak_tracks(store)))
            if not queue.items:
                return {"action": "nothing", "message": "Nothing to do today: no review is due and no problem is new."}
            first = queue.items[0]
            if first.kind == "new":
                new_id = first.problem_id
            elif first.kind == "debug":
                debug_id = first.problem_id
            else:
                problem_id = first.problem_id
        if debug_id is None and new_id is None:
            started = review_mode.start(store, get_problem(problem_id), workspace)
            return {"action": "review", **started, "href": "/practice/review"}
    if new_id is not None:  # as `mlkata start` (an existing file is kept and resumed), then its page
        problem = get_problem(new_id)
        resumed = files.path_of(workspace, problem).exists()
        if not resumed:
            files.start(workspace, problem)
        return {"action": "resume" if resumed else "new", "problem_id": new_id, "href": f"/problems/{new_id}"}
    return {"action": "debug", **debug_start(workspace, debug_id)}


def review_state(workspace: Path) -> dict:
    """The open review (its problem, clock and budget), else the latest one ended."""
    with session.open_store(read_only_ok=True) as store:
        rounds = store.rounds(review_mode.MODE)
    if not rounds:
        return {"round": None}
    rnd = rounds[0]
    problem = get_problem(rnd.problem_id)
    data = review_mode.round_json(rnd, problem) | {"open": rnd.open, "outcome": rnd.outcome,
                                                   "elapsed": mock.elapsed(rnd, now())}
    for key in ("rating", "why", "due"):
        if key in rnd.data:
            data[key] = rnd.data[key]
    if "due" in data:
        data["due_text"] = review_mode.due_text(data["due"])
    return {"round": data}


def review_give_up() -> dict:
    """`mlkata review --give-up`: the open review ends as not passed (rated Again)."""
    with session.open_store() as store:
        done = review_mode.give_up(store, None, now())
    return {"action": "gave-up", **done,
            "message": f"Review of {done['problem_id']} ended: rated {done['rating']} ({done['why']}). "
                       f"Next review due {review_mode.due_text(done['due'])}."}


# ---- mock rounds -------------------------------------------------------------------------------------

def _round_number(store, round_id: str) -> int | None:
    """The round's N in `mlkata mock history` (and `mock report N`)."""
    ids = [r.round_id for r in mock_cli._numbered(store)]
    return ids.index(round_id) + 1 if round_id in ids else None


def _expired(store, at: float) -> dict | None:
    """A round whose time ran out is graded first, as every `mlkata mock` command does."""
    result = mock_cli._settle_expired(store, at)
    if result is not None:
        result["n"] = _round_number(store, result["round_id"])
    return result


def mock_start(workspace: Path, *, track: str | None = None, minutes: float | None = None,
               allow_hints: bool = False, loop: bool = False, problem_id: str | None = None) -> dict:
    """`mlkata mock start` (or `mlkata mock loop` with `loop`): a fresh starter in <workspace>/mock/."""
    if minutes is not None and minutes <= 0:
        raise MlkataError("The budget (minutes) must be positive.")
    with _starting, session.open_store() as store:
        at = now()
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
    return {"started": state, "problem": _problem_info(problem), "loop": loop_state, "expired_round": expired,
            "warnings": warnings}


def mock_state(workspace: Path | None = None) -> dict:
    """`mlkata mock status`: the open round's clock, phase and checks (a round out of time is graded first)."""
    with session.open_store() as store:
        at = now()
        expired = _expired(store, at)
        rnd = mock.open_round(store)
        status = mock.status(store, rnd, at) if rnd is not None else None
        loop = store.round(rnd.data["loop"]) if rnd is not None and rnd.data.get("loop") else None
        warnings = list(store.warnings)
    out = {"open": status is not None, "round": status, "expired_round": expired, "warnings": warnings,
           "phases": [{"name": name, "share": share} for name, share in mock.PHASES]}
    if rnd is not None:
        problem = get_problem(rnd.problem_id)
        out["problem"] = _problem_info(problem)
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
        rnd = _require(store, "mock")
    return {"problem": rnd.problem_id, "questions": mock.questions(get_problem(rnd.problem_id)),
            "levels": ["strong", "lean", "no_hire"]}


def mock_submit(answers: list | None = None, grades: list | None = None) -> dict:
    """`mlkata mock submit --answer ... --grade ...`: judge the round's file on every check, apply the rubric,
    end the round (a loop moves on to its next problem). A round out of time is graded as it was."""
    with session.open_store() as store:
        at = now()
        result = _expired(store, at)
        report = None
        if result is None:
            rnd = _require(store, "mock")
            problem = get_problem(rnd.problem_id)
            report, source = mock_cli.judge(problem, Path(rnd.data["path"]))
            answers = [a.strip() or None if isinstance(a, str) else None for a in answers or []]
            grades = [mock_cli.LEVELS.get(g.strip().lower(), g) if isinstance(g, str) else None for g in grades or []]
            at = now()
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
        at = now()
        if _expired(store, at) is not None:
            raise MlkataError("The mock round's time had run out: it was graded as it was (see its report).")
        rnd = _require(store, "mock")
        result = mock.abandon(store, rnd, at)
        result["n"] = _round_number(store, rnd.round_id)
    return result


def mock_history() -> dict:
    """`mlkata mock history`: past rounds and loops, newest first, numbered as `mock report N` takes them."""
    with session.open_store(read_only_ok=True) as store:
        if store.read_only is None:
            _expired(store, now())
        rows = mock_cli._numbered(store)
    return {"rounds": [mock_cli._row_json(n, r) for n, r in enumerate(rows, 1)][::-1]}


def mock_round(n: int) -> dict:
    """`mlkata mock report N`: one round or loop, its verdict criterion by criterion, its answers."""
    with session.open_store(read_only_ok=True) as store:
        if store.read_only is None:
            _expired(store, now())
        rows = mock_cli._numbered(store)
        if not 1 <= n <= len(rows):
            raise NotFound(f"No mock round #{n}: the history lists {len(rows)}.")
        r = rows[n - 1]
        row = mock_cli._row_json(n, r)
        loop = store.round(r.data["loop"]) if r.data.get("loop") else None
        current = mock.open_round(store)
    row["loop_round"] = None if loop is None else {"open": loop.open, "problems": loop.data["problems"],
                                                   "verdicts": loop.data.get("verdicts", {}),
                                                   "overall": loop.data.get("overall")}
    row["continue"] = current is not None and loop is not None and current.data.get("loop") == loop.round_id
    if r.mode == "mock":
        row["problem_title"] = get_problem(r.problem_id).title
    return {"round": row}


# ---- fix-the-bug rounds ------------------------------------------------------------------------------

def debug_start(workspace: Path, problem_id: str | None = None, seed: int | None = None,
                bugs: int | None = None) -> dict:
    """`mlkata debug [ID]`: the open round (of that problem), or a new one composed and written to
    <workspace>/debug/<file> (composing judges candidates in this process: up to ~30 s)."""
    if bugs is not None and not 1 <= bugs <= debug_mode.MAX_BUGS:
        raise MlkataError(f"A debug round injects 1 to {debug_mode.MAX_BUGS} bugs, not {bugs}.")
    with _starting, session.open_store() as store:
        current = debug_mode.open_round(store)
        if current is not None:
            if problem_id in (None, current.problem_id):
                return {"resumed": True, "round": debug_cli._summary(current, "open"), "href": "/practice/debug"}
            raise MlkataError(f"A debug round of {current.problem_id} is open: finish it, or abandon it first.")
        past = store.rounds(mode=debug_mode.MODE)
        seed = len(past) if seed is None else seed
        problem = get_problem(problem_id) if problem_id else debug_cli._draw(store, past, seed)
        rnd = debug_mode.build(problem, seed=seed, bugs=bugs)
        path = Path(workspace).absolute() / "debug" / problem.starter_filename
        debug_cli._write(path, rnd.source)
        rnd.path = str(path)
        round_id = store.start_round(debug_mode.MODE, problem.id, rnd.to_data())
        started = store.round(round_id)
    return {"resumed": False, "round": debug_cli._summary(started, "open"), "href": "/practice/debug"}


def debug_state() -> dict:
    """`mlkata debug --status`: the open round, else the latest one ended (solved or abandoned).
    The injected bugs are never named, except those a hint named."""
    with session.open_store(read_only_ok=True) as store:
        rounds = store.rounds(mode=debug_mode.MODE)
    if not rounds:
        return {"round": None}
    rnd = rounds[0]
    summary = debug_cli._summary(rnd, "open" if rnd.open else rnd.outcome or "ended")
    if not rnd.open:
        summary["elapsed_seconds"] = round(rnd.data.get("seconds", (rnd.ended_at or now()) - rnd.started_at), 1)
    return {"round": summary}


def debug_abandon() -> dict:
    """`mlkata debug --abandon`: the open round ends unsolved."""
    with session.open_store() as store:
        current = _require(store, "debug")
        store.end_round(current.round_id, current.problem_id, "abandoned", {"seconds": debug_mode.elapsed(current)})
        ended = store.round(current.round_id)
    return {"round": debug_cli._summary(ended, "abandoned")}


# ---- the dashboard -----------------------------------------------------------------------------------

def dashboard_data(figures: bool = True) -> dict:
    """`mlkata report`'s content: the progress tables and its matplotlib figures (base64 PNGs)."""
    from mlkata.cli import report
    from mlkata.practice.progress import progress

    with session.open_store(read_only_ok=True) as store:
        prog = progress(store, all_problems(), now=now())
        warnings = list(store.warnings)
    figs = report.figures(prog) if figures else []
    return {"progress": prog.to_json(), "figures": [{"title": t, "png": png} for t, png in figs],
            "warnings": warnings}


# ---- routes: JSON ------------------------------------------------------------------------------------

def _workspace(request: Request) -> Path:
    return request.app.state.workspace


def _text(body: dict, key: str) -> str | None:
    value = body.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise MlkataError(f"{key!r} must be a string.")
    return value


def _number(body: dict, key: str, kind: type = float) -> float | int | None:
    value = body.get(key)
    if value is None or value == "":
        return None
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise MlkataError(f"{key!r} must be a number, not {value!r}.") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise MlkataError(f"{key!r} must be a finite number.")
    return number


def _list(body: dict, key: str) -> list:
    value = body.get(key) or []
    if not isinstance(value, list):
        raise MlkataError(f"{key!r} must be a list.")
    return value


def _json(data: dict, status: int = 200) -> Response:
    return Response(json.dumps(data, allow_nan=False, default=str), status_code=status,
                    media_type="application/json")


def api(handler):
    """An /api/ endpoint: the JSON body (if any) in, `handler(request, body)` run in a thread, JSON out;
    a MlkataError becomes {"error": {"kind", "message"}} (404 for what does not exist, else 400)."""

    async def endpoint(request: Request) -> Response:
        body: dict = {}
        raw = await request.body()
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                return pages.api_error(400, "usage", "The request body is not JSON.")
            if not isinstance(body, dict):
                return pages.api_error(400, "usage", "The request body must be a JSON object.")
        try:
            data = await run_in_threadpool(handler, request, body)
        except (NotFound, UnknownProblem) as exc:
            return pages.api_error(404, "not-found", str(exc))
        except MlkataError as exc:
            return pages.api_error(400, "usage", str(exc))
        return _json(data)

    endpoint.__name__ = handler.__name__
    return endpoint


def _mode(request: Request) -> str:
    mode = request.path_params["mode"]
    if mode not in MODES:
        raise NotFound(f"No practice mode {mode!r}: {', '.join(MODES)}.")
    return mode


def _source(body: dict) -> str:
    source = body.get("source")
    if not isinstance(source, str):
        raise MlkataError("'source' (the file's text) is required.")
    return source


def api_today(request, body):
    return today_data(int(_number(request.query_params, "minutes", int) or queue_mode.DEFAULT_MINUTES))


def api_file(request, body):
    if request.method == "GET":
        return read_round_file(_workspace(request), _mode(request))
    return save_round_file(_workspace(request), _mode(request), _source(body))


def api_check(request, body):
    source = body.get("source")
    return check_round_file(_workspace(request), _mode(request), _source(body) if source is not None else None)


def api_review_start(request, body):
    return review_start(_workspace(request), _text(body, "problem"))


def api_review_state(request, body):
    return review_state(_workspace(request))


def api_review_give_up(request, body):
    return review_give_up()


def api_mock_start(request, body):
    return mock_start(_workspace(request), track=_text(body, "track"), minutes=_number(body, "minutes"),
                      allow_hints=bool(body.get("allow_hints")), loop=bool(body.get("loop")),
                      problem_id=_text(body, "problem"))


def api_mock_state(request, body):
    return mock_state(_workspace(request))


def api_mock_questions(request, body):
    return mock_questions()


def api_mock_submit(request, body):
    return mock_submit(_list(body, "answers"), _list(body, "grades"))


def api_mock_abandon(request, body):
    return mock_abandon()


def api_mock_history(request, body):
    return mock_history()


def api_mock_round(request, body):
    return mock_round(request.path_params["n"])


def api_debug_start(request, body):
    return debug_start(_workspace(request), _text(body, "problem"), _number(body, "seed", int),
                       _number(body, "bugs", int))


def api_debug_state(request, body):
    return debug_state()


def api_debug_abandon(request, body):
    return debug_abandon()


def api_dashboard(request, body):
    return dashboard_data(figures=request.query_params.get("figures", "1") != "0")


API = [
    Route("/api/practice/today", api(api_today), methods=["GET"]),
    Route("/api/practice/review", api(api_review_state), methods=["GET"]),
    Route("/api/practice/review/start", api(api_review_start), methods=["POST"]),
    Route("/api/practice/review/give-up", api(api_review_give_up), methods=["POST"]),
    Route("/api/practice/mock", api(api_mock_state), methods=["GET"]),
    Route("/api/practice/mock/start", api(api_mock_start), methods=["POST"]),
    Route("/api/practice/mock/questions", api(api_mock_questions), methods=["GET"]),
    Route("/api/practice/mock/submit", api(api_mock_submit), methods=["POST"]),
    Route("/api/practice/mock/abandon", api(api_mock_abandon), methods=["POST"]),
    Route("/api/practice/mock/history", api(api_mock_history), methods=["GET"]),
    Route("/api/practice/mock/rounds/{n:int}", api(api_mock_round), methods=["GET"]),
    Route("/api/practice/debug", api(api_debug_state), methods=["GET"]),
    Route("/api/practice/debug/start", api(api_debug_start), methods=["POST"]),
    Route("/api/practice/debug/abandon", api(api_debug_abandon), methods=["POST"]),
    Route("/api/practice/dashboard", api(api_dashboard), methods=["GET"]),
    Route("/api/practice/{mode}/file", api(api_file), methods=["GET", "POST", "PUT"]),
    Route("/api/practice/{mode}/check", api(api_check), methods=["POST"]),
]


# ---- routes: pages -----------------------------------------------------------------------------------

VERDICT_CLASS = {"Strong Hire": "v-strong", "Lean Hire": "v-lean", "Lean No Hire": "v-leanno", "No Hire": "v-no"}
pages.env.filters["pr_verdict"] = lambda verdict: VERDICT_CLASS.get(verdict, "v-none")
pages.env.filters["pr_when"] = lambda at: datetime.fromtimestamp(at).strftime("%Y-%m-%d %H:%M") if at else ""


def _statement(problem_id: str) -> str:
    from mlkata.web import markdown

    return markdown.to_html(get_problem(problem_id).statement)


def _file_or_none(workspace: Path, mode: str) -> dict | None:
    try:
        return read_round_file(workspace, mode)
    except MlkataError as exc:
        return {"error": str(exc), "source": "", "path": ""}


def _all_problems() -> list[dict]:
    return [_problem_info(p) for p in sorted(all_problems().values(), key=queue_mode.study_key)]


def page(template: str, nav: str, build):
    """A page: `build(request)` (run in a thread) gives the template's context."""

    async def endpoint(request: Request) -> Response:
        try:
            context = await run_in_threadpool(build, request)
        except NotFound as exc:
            return pages.error_page(request, 404, "Not found", str(exc))
        return pages.render(request, f"practice/{template}", nav=nav, **context)

    endpoint.__name__ = template.removesuffix(".html")
    return endpoint


def today_page(request):
    minutes = _number(request.query_params, "minutes", int) or queue_mode.DEFAULT_MINUTES
    return {"q": today_data(max(1, min(minutes, 24 * 60)))}


def mock_page(request):
    workspace = _workspace(request)
    state = mock_state(workspace)
    context = {"s": state, "history": mock_history()["rounds"], "problems": _all_problems(),
               "tracks": sorted({p.track for p in all_problems().values()}), "loop_minutes": mock.LOOP_MINUTES}
    if state["open"]:
        problem_id = state["round"]["problem"]
        context |= {"statement": _statement(problem_id), "file": _file_or_none(workspace, "mock"),
                    "questions": mock.questions(get_problem(problem_id))}
    return context


def mock_round_page(request):
    return mock_round(request.path_params["n"])


def debug_page(request):
    workspace = _workspace(request)
    state = debug_state()
    context = {"s": state, "problems": _all_problems()}
    rnd = state["round"]
    if rnd is not None:
        context["statement"] = _statement(rnd["problem"])
        context["problem"] = _problem_info(get_problem(rnd["problem"]))
        if rnd["state"] == "open":
            context["file"] = _file_or_none(workspace, "debug")
    return context


def review_page(request):
    workspace = _workspace(request)
    state = review_state(workspace)
    context = {"s": state}
    rnd = state["round"]
    if rnd is not None:
        context["statement"] = _statement(rnd["problem_id"])
        context["problem"] = _problem_info(get_problem(rnd["problem_id"]))
        if rnd["open"]:
            context["file"] = _file_or_none(workspace, "review")
    return context


def dashboard_page(request):
    return dashboard_data(figures=True)


async def practice_index(request: Request) -> Response:
    return RedirectResponse("/practice/today", status_code=307)


PAGES = [
    Route("/practice", practice_index, methods=["GET"]),
    Route("/practice/today", page("today.html", "today", today_page), methods=["GET"]),
    Route("/practice/mock", page("mock.html", "mock", mock_page), methods=["GET"]),
    Route("/practice/mock/rounds/{n:int}", page("mock_round.html", "mock", mock_round_page), methods=["GET"]),
    Route("/practice/debug", page("debug.html", "debug", debug_page), methods=["GET"]),
    Route("/practice/review", page("review.html", "today", review_page), methods=["GET"]),
    Route("/practice/dashboard", page("dashboard.html", "dashboard", dashboard_page), methods=["GET"]),
]

routes: list = PAGES + API
