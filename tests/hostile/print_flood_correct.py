# expect: pass
# output: truncated
# Prints 20 MB, then returns a correct softmax: judged on its merits (passes),
# output truncated, output_bytes reported.
import sys

import numpy as np

_printed = [False]


def softmax(x, axis=-1):
    if not _printed[0]:
        _printed[0] = True
        line = "x" * 1023 + "\n"
        for _ in range(20 * 1024):
            sys.stdout.write(line)
    shifted = x - x.max(axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)
