# expect: fail
# needs: confinement
# Reads the memory and environment of the processes above it through /proc: the engine holds the
# model answer's outcomes. The worker, its parent, holds no answers and is skipped, as is
# bubblewrap's init. Contained, other processes' /proc entries cannot be opened (Landlock) or
# only the worker and bubblewrap are there (bubblewrap): it answers x and fails.
import os

import numpy as np


def _cmdline(pid: str) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _others():
    me, parent = str(os.getpid()), str(os.getppid())
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        pids = []
    try:  # the parent's parent, if /proc lets it be read
        with open(f"/proc/{parent}/stat") as f:
            pids.append(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError):
        pass
    for pid in dict.fromkeys(pids):
        line = _cmdline(pid)
        if pid in (me, parent) or "mlkata.judge.worker" in line or line.split(" ")[0].endswith("bwrap"):
            continue
        yield pid


def _readable(pid: str) -> bool:
    try:
        with open(f"/proc/{pid}/environ", "rb") as f:
            if f.read(1):
                return True
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
            start = int(maps.readline().split("-")[0], 16)
            mem.seek(start)
            return bool(mem.read(1))
    except (OSError, ValueError):
        return False


def softmax(x, axis=-1):
    if any(_readable(pid) for pid in _others()):
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)
    return x
