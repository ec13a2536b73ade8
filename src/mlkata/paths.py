"""Where mlkata keeps the user's data. MLKATA_HOME overrides the platform default."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    home = os.environ.get("MLKATA_HOME")
    return Path(home).expanduser().resolve() if home else Path(platformdirs.user_data_dir("mlkata"))


def cache_dir() -> Path:
    """Cached outcomes of model answers and mistake variants (safe to delete)."""
    home = os.environ.get("MLKATA_HOME")
    return data_dir() / "cache" if home else Path(platformdirs.user_cache_dir("mlkata"))


def store_path() -> Path:
    return data_dir() / "mlkata.sqlite3"


WORKSPACE_NAME = "mlkata-workspace"
WORKSPACE_MARKER = ".mlkata-workspace"  # written by `start`: marks its folder as a workspace
WORKSPACE_MARKER_TEXT = "This folder is an mlkata workspace: `mlkata check <id>` finds it from any folder inside it.\n"


def default_workspace(cwd: Path | None = None) -> Path:
    """Where starter files live: $MLKATA_WORKSPACE; else the nearest folder at or above `cwd` that is
    a workspace (it holds the marker `start` writes, or is called mlkata-workspace), as rustlings and
    Exercism find theirs; else ./mlkata-workspace. The sandbox hides this folder from submissions."""
    if os.environ.get("MLKATA_WORKSPACE"):
        return Path(os.environ["MLKATA_WORKSPACE"]).expanduser()
    cwd = Path.cwd() if cwd is None else cwd
    for folder in (cwd, *cwd.parents):
        if (folder / WORKSPACE_MARKER).is_file() or (folder.name == WORKSPACE_NAME and folder.is_dir()):
            return folder
    return cwd / WORKSPACE_NAME
