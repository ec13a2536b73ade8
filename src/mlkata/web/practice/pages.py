"""The HTML pages under /practice/: each built in a thread from the same data functions as the API."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from mlkata.errors import MlkataError
from mlkata.practice import mock
from mlkata.practice import today as queue_mode
from mlkata.problems.catalog import all_problems, get_problem
from mlkata.web import pages
from mlkata.web.practice.api import number, workspace_of
from mlkata.web.practice.dashboard import dashboard_data
from mlkata.web.practice.debug import debug_state
from mlkata.web.practice.mock import mock_history, mock_round, mock_state
from mlkata.web.practice.rounds import NotFound, problem_info, read_round_file
from mlkata.web.practice.today import review_state, today_data

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
    return [problem_info(p) for p in sorted(all_problems().values(), key=queue_mode.study_key)]


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
    minutes = number(request.query_params, "minutes", int) or queue_mode.DEFAULT_MINUTES
    return {"q": today_data(max(1, min(minutes, 24 * 60)))}


def mock_page(request):
    workspace = workspace_of(request)
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
    workspace = workspace_of(request)
    state = debug_state()
    context = {"s": state, "problems": _all_problems()}
    rnd = state["round"]
    if rnd is not None:
        context["statement"] = _statement(rnd["problem"])
        context["problem"] = problem_info(get_problem(rnd["problem"]))
        if rnd["state"] == "open":
            context["file"] = _file_or_none(workspace, "debug")
    return context


def review_page(request):
    workspace = workspace_of(request)
    state = review_state(workspace)
    context = {"s": state}
    rnd = state["round"]
    if rnd is not None:
        context["statement"] = _statement(rnd["problem_id"])
        context["problem"] = problem_info(get_problem(rnd["problem_id"]))
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
