"""`mlkata judge start|stop|status`: the per-user judge service. Library: mlkata.service.client."""

from __future__ import annotations

import json
import time
from typing import Annotated

import typer
from rich.console import Console

from mlkata.cli.typer_base import Command, Group, Json
from mlkata.errors import MlkataError
from mlkata.service import client, location

console = Console()
app = typer.Typer(cls=Group, help="The judge service: one warm grader shared by every check, watch, web page "
                                  "and notebook (started by the first check; idles out after 15 minutes).",
                  no_args_is_help=True)


def _ago(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes >= 60:
        return f"{minutes // 60} h {minutes % 60} min"
    return f"{minutes} min" if int(seconds) % 60 == 0 else f"{minutes} min {int(seconds % 60)} s"


def describe(info: dict | None) -> str:
    """One line: the service and what it is doing, or why checks run in-process."""
    if not client.enabled():
        return f"off ({client.SWITCH}=off): every check runs in-process"
    if info is None:
        return "not running (the next check starts it)"
    warm = f"{info.get('warm', 0)}/{info.get('problems', 0)} problems warm"
    if info.get("warming"):
        warm += ", warming up"
    old = "" if info.get("current", True) else " (from other code: the next check replaces it)"
    return (f"running, pid {info.get('pid')}, up {_ago(time.time() - float(info.get('started', time.time())))}, "
            f"{info.get('checks', 0)} checks, {warm}, idles out after {_ago(float(info.get('idle_seconds', 0)))}{old}")


def _service_error(exc: Exception) -> MlkataError:
    return MlkataError(f"The judge service cannot run: {exc}")


@app.command(cls=Command)
def start(
    idle: Annotated[float | None, typer.Option("--idle", help="Seconds without a client before it exits "
                                                               "(default 900).", min=1)] = None,
) -> None:
    """Start the judge service now (the first check would)."""
    try:
        with client.connect(start=True, idle=idle) as conn:
            info = conn.request({"op": "status"}, silence=client.HELLO_TIMEOUT)
    except (client.ServiceDown, location.ServiceUnavailable) as exc:
        raise _service_error(exc) from None
    console.print(f"judge service: {describe(info)}", highlight=False)


@app.command(cls=Command)
def stop() -> None:
    """Stop the judge service (the next check starts a new one)."""
    try:
        pid = client.stop()
    except location.ServiceUnavailable as exc:
        raise _service_error(exc) from None
    console.print("judge service: not running" if pid is None else f"judge service stopped (pid {pid})",
                  highlight=False)


@app.command(cls=Command)
def status(as_json: Json = False) -> None:
    """Whether the judge service runs, what it holds, and the last time a check ran in-process instead."""
    try:
        info = client.status() if client.enabled() else None
    except location.ServiceUnavailable as exc:
        raise _service_error(exc) from None
    fallback = client.last_fallback()
    if as_json:
        typer.echo(json.dumps({"enabled": client.enabled(), "running": info is not None, "service": info,
                               "socket": str(location.socket_path()), "last_fallback": fallback}, default=str))
        return
    console.print(f"judge service: {describe(info)}", highlight=False)
    console.print(f"socket: {location.socket_path()}", highlight=False, soft_wrap=True)
    if info is not None and info.get("sandbox"):
        console.print(f"sandbox: {info['sandbox']}", highlight=False)
    if fallback:
        console.print(fallback_line(fallback), style="yellow", highlight=False)


def fallback_line(fallback: dict) -> str:
    ago = _ago(max(time.time() - float(fallback.get("at", 0)), 0))
    return f"last in-process check: {ago} ago, because {fallback.get('reason')}"
