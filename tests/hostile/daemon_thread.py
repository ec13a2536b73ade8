# expect: pass
# without-bwrap: pass
# Leaves a daemon thread spinning after returning: judged normally, nothing left behind.
import threading

import numpy as np


def _spin():
    while True:
        pass


threading.Thread(target=_spin, daemon=True).start()


def softmax(x, axis=-1):
    shifted = x - x.max(axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)
