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


def default_workspace() -> Path:
    """Where `mlkata start` writes starter files unless --dir says otherwise."""
    return Path(os.environ.get("MLKATA_WORKSPACE", Path.cwd() / "mlkata-workspace"))
