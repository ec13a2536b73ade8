"""Rendering pages: one Jinja2 environment over web/templates, `render` for every page (the problem
pages and the practice pages alike), and the error pages."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
TRACK_LABELS = {"classical-ml": "Classical ML"}

env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(("html",)),
                  trim_blocks=True, lstrip_blocks=True)


def _minutes(seconds: float | None) -> str:
    """83.4 -> '1:23' (minutes:seconds); None -> '–'."""
    if seconds is None:
        return "–"
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


env.filters["mmss"] = _minutes
env.filters["track_label"] = lambda track: TRACK_LABELS.get(track, track.replace("-", " ").capitalize())


def render(request: Request, template_name: str, status_code: int = 200, **context) -> HTMLResponse:
    """The named template (under web/templates) as a page; `request` and `nav` (the active nav item:
    set `nav="problems"|"today"|"mock"|"debug"|"dashboard"` in context) are available to it."""
    context.setdefault("nav", "")
    html = env.get_template(template_name).render(request=request, **context)
    return HTMLResponse(html, status_code=status_code)


def error_page(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    return render(request, "error.html", status_code=status, status=status, title=title, message=message)


def api_error(status: int, kind: str, message: str) -> JSONResponse:
    """The one error shape of every /api/ route: {"error": {"kind", "message"}}."""
    return JSONResponse({"error": {"kind": kind, "message": message}}, status_code=status)
