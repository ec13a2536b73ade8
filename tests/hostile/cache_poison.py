# expect: fail
# needs: confinement
# Poisons the reference cache so that later correct submissions fail: rewrites every bundle
# with its payload's bytes shuffled (or with zeros), and adds bundles of its own. Contained,
# the cache folder is hidden (bubblewrap) or cannot be opened (Landlock): the test checks the
# bundles still verify and hold the model answer's outcomes. (A bundle that did change would
# fail its seal and be recomputed.)
import os

import numpy as np


def _cache_dirs():  # the platform's default cache is left alone: not the developer's own
    home = os.environ.get("MLKATA_HOME", "")
    return [os.path.join(home, "cache")] if os.path.isabs(home) else []


def _poison() -> bool:
    poisoned = False
    for folder in _cache_dirs():
        try:
            names = os.listdir(folder)
        except OSError:
            names = ["softmax-0000000000000000.bin"]
        for name in names:
            path = os.path.join(folder, name)
            try:
                with open(path, "rb") as f:
                    data = f.read()
                data = data[:80] + data[80:][::-1]
            except OSError:
                data = b"\0" * 4096
            try:
                with open(path, "wb") as f:
                    f.write(data)
                poisoned = True
            except OSError:
                pass
    return poisoned


POISONED = _poison()


def softmax(x, axis=-1):
    if POISONED:
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)
    return x
