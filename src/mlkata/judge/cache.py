"""On-disk cache of trusted outcomes: the model answer's and the mistake variants'
outputs on every case, and the model answer's timing.

Cases come from a fixed seed, so these depend only on the problem folder and the
library versions; a cold `mlkata check` then needs no torch in the engine's
process. The cache directory is hidden from the sandbox like the bank itself.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from importlib import metadata
from pathlib import Path

from mlkata import __version__, paths
from mlkata.judge import wire
from mlkata.judge.local import Outcome
from mlkata.problems.problem import Problem

# bump when what is cached changes meaning (2: the reference is timed with one BLAS thread;
# 3: mistake variants by variant key, the reference time is the fastest of several runs)
CACHE_FORMAT = 3


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def bundle_path(problem: Problem) -> Path:
    versions = f"{CACHE_FORMAT} {problem.fingerprint} {__version__} numpy {_version('numpy')} torch {_version('torch')}"
    return paths.cache_dir() / f"{problem.id}-{hashlib.sha256(versions.encode()).hexdigest()[:16]}.bin"


def load(problem: Problem) -> dict:
    """{"outcomes": {name: [Outcome]}, "timing": float | None}; empty if absent or unreadable."""
    try:
        data = wire.decode(bundle_path(problem).read_bytes(), tagged=True)
        outcomes = {
            name: [Outcome(value=o.get("v"), error=o.get("e")) for o in items]
            for name, items in data["outcomes"].items()
        }
        return {"outcomes": outcomes, "timing": data.get("timing")}
    except (OSError, wire.WireError, KeyError, TypeError, AttributeError):
        return {"outcomes": {}, "timing": None}


def save(problem: Problem, outcomes: dict[str, list[Outcome]], timing: float | None) -> None:
    """Write atomically; a cache that cannot be written is simply not written."""
    data = {
        "outcomes": {name: [{"v": o.value} if o.ok else {"e": o.error} for o in items]
                     for name, items in outcomes.items()},
        "timing": timing,
    }
    path = bundle_path(problem)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(wire.encode(data, trusted=True))
        os.replace(tmp, path)
    except (OSError, wire.WireError):
        pass
