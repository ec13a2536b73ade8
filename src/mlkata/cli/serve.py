"""`mlkata serve`: the local web app on 127.0.0.1 with a per-launch token (registered in main.py)."""

from __future__ import annotations

import errno
import secrets
import socket
import webbrowser
from typing import Annotated

import typer

from mlkata.errors import MlkataError

HOST = "127.0.0.1"


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1:`port` (0: a free port); a clear error when it is taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((HOST, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise MlkataError(f"Port {port} is in use: pick another with --port, or leave it out for a free one.") \
                from None
        raise MlkataError(f"Cannot listen on {HOST}:{port} ({exc.strerror or exc}).") from None
    return sock


def allowed_hosts(port: int) -> list[str]:
    """The Host headers a browser sends for this server (anything else: DNS rebinding, refused)."""
    return [f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"]


def serve(
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1 (default: a free one).", min=0,
                                      max=65535)] = 0,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Print the URL; do not open a browser.")] = False,
) -> None:
    """The web app: problems beside an editor on your workspace files, checked by the same judge (Ctrl-C stops)."""
    import uvicorn

    from mlkata.cli import session
    from mlkata.web.app import create_app

    sock = bind(port)
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(24)
    workspace = session.find_workspace()
    app = create_app(token, workspace, allowed_hosts=allowed_hosts(port))
    url = f"http://{HOST}:{port}/?token={token}"
    typer.echo(f"mlkata serve: workspace {workspace}; Ctrl-C stops the server. Open:")
    typer.echo(url)
    if not no_browser:
        webbrowser.open(url)
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=2, lifespan="off")

    class Server(uvicorn.Server):
        def handle_exit(self, sig, frame) -> None:  # Ctrl-C: end the pages' event streams, then stop
            app.state.stopping.set()
            super().handle_exit(sig, frame)

    try:
        Server(config).run(sockets=[sock])
    finally:
        sock.close()
