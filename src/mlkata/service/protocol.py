"""The service's wire: length-prefixed JSON frames on a Unix socket, and the build id that a client
and a service compare in their handshake (a service left over from other code is replaced)."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import time
from functools import cache
from pathlib import Path

from mlkata import __version__
from mlkata.judge import framing

PACKAGE = Path(__file__).resolve().parent.parent
SOURCE_SUFFIXES = (".py", ".toml", ".md")
# what else changes how a service judges: it must match between client and service
CONFIG_VARIABLES = ("MLKATA_SANDBOX", "MLKATA_LANDLOCK", "MLKATA_HOME", "MLKATA_DEBUG")
MAX_FRAME = 64 << 20


@cache
def build_id() -> str:
    """This mlkata's code and bank: the version plus every source file's size and modification time."""
    digest = hashlib.sha256(__version__.encode())
    for folder, subfolders, files in os.walk(PACKAGE):
        subfolders[:] = sorted(d for d in subfolders if d not in ("__pycache__", "static"))
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES):
                st = os.stat(os.path.join(folder, name))
                digest.update(f"{os.path.relpath(os.path.join(folder, name), PACKAGE)} {st.st_size} "
                              f"{st.st_mtime_ns}\n".encode())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def config() -> dict:
    """The environment settings a service must share with its clients."""
    return {name: os.environ.get(name, "") for name in CONFIG_VARIABLES}


def send(sock: socket.socket, message: dict) -> None:
    framing.write_frame(sock.fileno(), json.dumps(message, allow_nan=False, default=str).encode())


def receive(sock: socket.socket, timeout: float | None) -> dict:
    """The next message; raises framing.ChannelClosed or framing.ChannelTimeout."""
    deadline = None if timeout is None else time.monotonic() + timeout
    return json.loads(framing.read_frame(sock.fileno(), deadline, max_bytes=MAX_FRAME))
