"""On-disk cache of trusted outcomes: the model answer's and the mistake variants'
outputs on every case, and the model answer's timing.

Cases come from a fixed seed, so these depend only on the problem folder and the
library versions; a cold `mlkata check` then needs no torch in the engine's
process. The cache directory is hidden from the sandbox like the bank itself, and
every bundle is sealed (seal.py): one whose seal does not verify (written by anyone
but the engine, or damaged) is ignored and recomputed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from importlib import metadata
from pathlib import Path

from mlkata import __version__, paths, seal
from mlkata.judge import wire
from mlkata.judge.local import Outcome
from mlkata.problems.problem import Problem

# bump when what is cached changes meaning (2: the reference is timed with one BLAS thread;
# 3: mistake variants by variant key, the reference time is the fastest of several runs; 4: sealed)
CACHE_FORMAT = 4
MAGIC = b"mlkata-cache 4\n"
SEAL_CHARS = 64  # hex HMAC-SHA256


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def bundle_path(problem: Problem) -> Path:
    versions = f"{CACHE_FORMAT} {problem.fingerprint} {__version__} numpy {_version('numpy')} torch {_version('torch')}"
    return paths.cache_dir() / f"{problem.id}-{hashlib.sha256(versions.encode()).hexdigest()[:16]}.bin"


def _purpose(path: Path) -> str:
    return f"cache {path.name}"


def _unsealed(path: Path) -> bytes:
    """The bundle's payload if its seal verifies; raises OSError or ValueError otherwise."""
    raw = path.read_bytes()
    head, payload = raw[:len(MAGIC) + SEAL_CHARS + 1], raw[len(MAGIC) + SEAL_CHARS + 1:]
    if not head.startswith(MAGIC) or not head.endswith(b"\n"):
        raise ValueError("not a sealed bundle")
    mark = head[len(MAGIC):-1].decode("ascii", errors="replace")
    if not seal.verify(seal.key(paths.data_dir()), _purpose(path), payload, mark):
        raise ValueError("the seal does not verify")
    return payload


def load(problem: Problem) -> dict:
    """{"outcomes": {name: [Outcome]}, "timing": float | None}; empty if absent, unreadable or
    not sealed by this user's key."""
    try:
        data = wire.decode(_unsealed(bundle_path(problem)), tagged=True)
        outcomes = {
            name: [Outcome(value=o.get("v"), error=o.get("e")) for o in items]
            for name, items in data["outcomes"].items()
        }
        return {"outcomes": outcomes, "timing": data.get("timing")}
    except (OSError, ValueError, wire.WireError, KeyError, TypeError, AttributeError):
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
        payload = wire.encode(data, trusted=True)
        mark = seal.sign(seal.key(paths.data_dir()), _purpose(path), payload)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(MAGIC + mark.encode("ascii") + b"\n" + payload)
        os.replace(tmp, path)
    except (OSError, wire.WireError):
        pass
