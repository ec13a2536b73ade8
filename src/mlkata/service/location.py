"""Where the judge service lives: a private per-user runtime folder with the socket, the lock that
names the running service's pid, its log, and the note of the last fallback to an in-process check."""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path

from mlkata import paths
from mlkata.errors import MlkataError

SOCKET_NAME, LOCK_NAME, LOG_NAME, FALLBACK_NAME = "judge.sock", "judge.lock", "judge.log", "fallback.json"
MAX_SOCKET_PATH = 100  # sun_path holds 108 bytes on Linux, 104 on macOS


class ServiceUnavailable(MlkataError):
    """The service cannot run here (an unsafe runtime folder, a path too long): checks run in-process."""


def runtime_dir() -> Path:
    """$MLKATA_RUNTIME_DIR; with MLKATA_HOME, a short folder named after that home (one service per data
    folder); else $XDG_RUNTIME_DIR/mlkata; else mlkata-<uid>/default in the temporary folder."""
    if os.environ.get("MLKATA_RUNTIME_DIR"):
        return Path(os.environ["MLKATA_RUNTIME_DIR"]).expanduser()
    per_user = Path(tempfile.gettempdir()) / f"mlkata-{os.getuid()}"
    if os.environ.get("MLKATA_HOME"):
        return per_user / hashlib.sha256(str(paths.data_dir()).encode()).hexdigest()[:12]
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    if xdg and os.path.isdir(xdg):
        return Path(xdg) / "mlkata"
    return per_user / "default"


def _private(folder: Path) -> None:
    """`folder` is a real folder of ours that nobody else can enter (fixed to 0700 if it is ours)."""
    st = os.lstat(folder)
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        raise ServiceUnavailable(f"{folder} is not a folder (a link or a file is in the way): the judge service "
                                 "will not use it")
    if st.st_uid != os.getuid():
        raise ServiceUnavailable(f"{folder} belongs to uid {st.st_uid}, not to you: the judge service will not "
                                 "use it (remove it, or set MLKATA_RUNTIME_DIR)")
    if stat.S_IMODE(st.st_mode) & 0o077:
        os.chmod(folder, 0o700)


def secure_runtime_dir() -> Path:
    """The runtime folder, created 0700 where missing and checked where it exists; raises ServiceUnavailable."""
    folder = runtime_dir()
    if len(str(folder / SOCKET_NAME)) > MAX_SOCKET_PATH:
        raise ServiceUnavailable(f"the socket path under {folder} is too long for a Unix socket; set "
                                 "MLKATA_RUNTIME_DIR to a shorter folder")
    try:
        missing = [p for p in (folder, *folder.parents) if not os.path.lexists(p)]
        for level in reversed(missing):
            os.mkdir(level, 0o700)
        ours = [folder] + ([folder.parent] if folder.parent.name == f"mlkata-{os.getuid()}" else [])
        for level in reversed(ours):
            _private(level)
    except OSError as exc:
        raise ServiceUnavailable(f"cannot prepare the judge service's folder {folder}: {exc.strerror}") from None
    return folder


def socket_path() -> Path:
    return runtime_dir() / SOCKET_NAME


def lock_path() -> Path:
    return runtime_dir() / LOCK_NAME


def log_path() -> Path:
    return runtime_dir() / LOG_NAME


def fallback_path() -> Path:
    return runtime_dir() / FALLBACK_NAME
