"""The bubblewrap command line for the warm worker (Linux, when bwrap is installed).

No network, read-only root, private /tmp, all capabilities dropped, uid nobody,
new session (no terminal injection), and the problem bank and the user's store
hidden under empty tmpfs mounts: answers are simply not there to read. Every tmpfs
(/tmp, /dev/shm, the hiding ones) is read-only: RAM that no rlimit counts must not
be fillable by a submission.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

from mlkata.judge.sandbox import NOBODY


@cache
def bwrap_path() -> str | None:
    """bwrap if installed and able to create its namespaces here."""
    path = shutil.which("bwrap")
    if not path or not sys.platform.startswith("linux"):
        return None
    try:
        probe = subprocess.run(
            command([sys.executable, "-c", "import mlkata"], hide=[], bwrap=path),
            capture_output=True, timeout=20,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return path if probe.returncode == 0 else None


def base_args() -> list[str]:
    return [
        "--ro-bind", "/", "/", "--dev", "/dev", "--tmpfs", "/dev/shm", "--remount-ro", "/dev/shm",
        "--proc", "/proc", "--tmpfs", "/tmp",
        "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
        "--uid", str(NOBODY), "--gid", str(NOBODY),
    ]


def _under_tmp(path: Path) -> bool:
    return path == Path("/tmp") or Path("/tmp") in path.parents


def command(worker_argv: list[str], hide: list[Path], bwrap: str | None = None) -> list[str]:
    """bwrap argv that runs worker_argv with every path in `hide` replaced by an empty dir."""
    args = [bwrap or bwrap_path() or "bwrap", *base_args()]
    # /tmp is private: re-expose what the interpreter and mlkata need if they live there
    keep = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, *sys.path) if p}
    exposed = sorted(p for p in keep if _under_tmp(p) and p != Path("/tmp") and p.exists())
    for path in exposed:
        args += ["--ro-bind", str(path), str(path)]
    hidden: list[Path] = []
    for path in sorted({p.resolve() for p in hide if p.exists()}):
        if any(h == path or h in path.parents for h in hidden):
            continue  # already inside an emptied folder
        if _under_tmp(path) and not any(e == path or e in path.parents for e in exposed):
            continue  # the private /tmp does not have it at all
        hidden.append(path)
        args += ["--tmpfs", str(path), "--remount-ro", str(path)]
    args += ["--remount-ro", "/tmp"]  # last: bwrap may create mount points in it until then
    return [*args, "--", *worker_argv]
