"""Server-sent events for one workspace file: an event whenever its text on disk changes (another
editor saved it, `mlkata start` wrote it), so the page can show it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
from starlette.requests import Request
from watchfiles import awatch

from mlkata.errors import MlkataError
from mlkata.web import files


def _state(path: Path) -> dict:
    try:
        return files.read(path)
    except (MlkataError, OSError) as exc:
        return {"exists": True, "text": None, "mtime": None, "error": str(exc)}


def _event(name: str, data: dict) -> str:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n"


async def stream(request: Request, path: Path, ping: float) -> AsyncIterator[str]:
    """Yields SSE text: `file` events ({exists, text, mtime}) on change, a comment every `ping` seconds.
    Ends when the client goes or the server stops (app.state.stopping, a threading.Event, is set)."""
    stopping = request.app.state.stopping
    yield ": watching\n\n"
    waited = False
    while not path.parent.is_dir():  # not started yet: nothing to watch until the workspace exists
        waited = True
        await anyio.sleep(0.5)
        if stopping.is_set() or await request.is_disconnected():
            return
    last = _state(path)
    if waited and last["exists"]:  # started (from the page or a terminal) while we waited
        yield _event("file", last)
    async for changes in awatch(path.parent, watch_filter=lambda _change, name: Path(name).name == path.name,
                                debounce=150, step=30, rust_timeout=int(ping * 1000), yield_on_timeout=True,
                                recursive=False, stop_event=stopping):
        if stopping.is_set() or await request.is_disconnected():
            return
        if not changes:
            yield ": ping\n\n"
            continue
        now = _state(path)
        if (now["exists"], now["text"]) != (last["exists"], last["text"]):
            last = now
            yield _event("file", now)
