# expect: fail
# expect-none: fail
# Checks what it runs as: root, or holding any capability beyond reading (CAP_DAC_READ_SEARCH,
# which a root worker's child keeps only where the interpreter lives in a folder nobody may
# enter). With root powers it could rewrite anything the engine trusts, so it then answers
# right (a breach). Contained in every mode: uid nobody (or the user's own uid), no other power.
import os

import numpy as np


def _capabilities() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("CapEff:"):
                return int(line.split()[1], 16)
    return 0


def softmax(x, axis=-1):
    if os.geteuid() == 0 or _capabilities() & ~(1 << 2):
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)
    return x
