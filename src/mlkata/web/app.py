"""The web app behind `mlkata serve`: routes, static files and the security gate, put together."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from mlkata.errors import MlkataError
from mlkata.web import pages
from mlkata.web.security import Gate


def create_app(token: str, workspace: Path | None = None, *, allowed_hosts: Iterable[str] | None = None) -> Starlette:
    """The app, guarded by `token`. `workspace`: where the problem files live (default: the CLI's
    workspace). `allowed_hosts`: the exact Host headers accepted (default: any loopback name and port)."""
    from mlkata.cli import session
    from mlkata.web import problems

    routes = [*problems.routes]
    try:
        from mlkata.web import practice
    except ImportError:
        practice = None
    if practice is not None:
        routes += list(practice.routes)
    routes.append(Mount("/static", app=StaticFiles(directory=pages.STATIC), name="static"))

    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_error, MlkataError: _usage_error,
                                                       Exception: _server_error})
    app.state.workspace = Path(workspace) if workspace is not None else session.find_workspace()
    app.state.token = token
    app.state.stopping = threading.Event()  # set when the server stops: open event streams end
    app.add_middleware(Gate, token=token, allowed_hosts=allowed_hosts)
    return app


def workspace(request: Request) -> Path:
    """The workspace folder this server edits."""
    return request.app.state.workspace


async def _http_error(request: Request, exc: HTTPException):
    if request.url.path.startswith("/api/"):
        return pages.api_error(exc.status_code, "not-found" if exc.status_code == 404 else "http", str(exc.detail))
    title = "Not found" if exc.status_code == 404 else f"Error {exc.status_code}"
    message = "There is no page here." if exc.detail == "Not Found" else exc.detail
    return pages.error_page(request, exc.status_code, title, message)


async def _usage_error(request: Request, exc: MlkataError):
    if request.url.path.startswith("/api/"):
        return pages.api_error(400, "usage", str(exc))
    return pages.error_page(request, 400, "Cannot do that", str(exc))


async def _server_error(request: Request, exc: Exception):
    message = f"{type(exc).__name__}: {exc}"
    if request.url.path.startswith("/api/"):
        return pages.api_error(500, "internal", message)
    return pages.error_page(request, 500, "Something went wrong", message)
