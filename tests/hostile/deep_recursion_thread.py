# expect: pass
# A legitimate way to recurse deeply: a big recursion limit and a thread with a 512 MiB stack.
import sys
import threading

import numpy as np


def _depth(n):
    return 0 if n == 0 else 1 + _depth(n - 1)


def _deep():
    sys.setrecursionlimit(10**6)
    threading.stack_size(512 * 2**20)
    box = []
    t = threading.Thread(target=lambda: box.append(_depth(100_000)))
    t.start()
    t.join()
    return box[0] if box else -1


assert _deep() == 100_000, "deep recursion in a big-stack thread failed"


def softmax(x, axis=-1):
    shifted = x - x.max(axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)
