"""The JSON routes under /api/practice/: a body in, a data function run in a thread, JSON out."""

from __future__ import annotations

import json
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mlkata.errors import MlkataError, UnknownProblem
from mlkata.practice import today as queue_mode
from mlkata.web import pages
from mlkata.web.practice.dashboard import dashboard_data
from mlkata.web.practice.debug import debug_abandon, debug_start, debug_state
from mlkata.web.practice.mock import (
    mock_abandon,
    mock_history,
    mock_questions,
    mock_round,
    mock_start,
    mock_state,
    mock_submit,
)
from mlkata.web.practice.rounds import MODES, NotFound, check_round_file, read_round_file, save_round_file
from mlkata.web.practice.today import review_give_up, review_start, review_state, today_data


def workspace_of(request: Request) -> Path:
    return request.app.state.workspace


def _text(body: dict, key: str) -> str | None:
    value = body.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise MlkataError(f"{key!r} must be a string.")
    return value


def number(body: dict, key: str, kind: type = float) -> float | int | None:
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
    return today_data(int(number(request.query_params, "minutes", int) or queue_mode.DEFAULT_MINUTES))


def api_file(request, body):
    if request.method == "GET":
        return read_round_file(workspace_of(request), _mode(request))
    return save_round_file(workspace_of(request), _mode(request), _source(body))


def api_check(request, body):
    source = body.get("source")
    return check_round_file(workspace_of(request), _mode(request), _source(body) if source is not None else None)


def api_review_start(request, body):
    return review_start(workspace_of(request), _text(body, "problem"))


def api_review_state(request, body):
    return review_state(workspace_of(request))


def api_review_give_up(request, body):
    return review_give_up()


def api_mock_start(request, body):
    return mock_start(workspace_of(request), track=_text(body, "track"), minutes=number(body, "minutes"),
                      allow_hints=bool(body.get("allow_hints")), loop=bool(body.get("loop")),
                      problem_id=_text(body, "problem"))


def api_mock_state(request, body):
    return mock_state(workspace_of(request))


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
    return debug_start(workspace_of(request), _text(body, "problem"), number(body, "seed", int),
                       number(body, "bugs", int))


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
