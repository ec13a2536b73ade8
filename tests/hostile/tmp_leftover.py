# expect: fail
# runs: 2
# Leaves a file in every temporary and working folder it can write, then looks for such files
# left by another process (the test checks it twice): a file that survived is a channel between
# checks. Contained, nothing is writable (bubblewrap) or only the check's own scratch folder
# is, removed after it (plain): the second run finds nothing, answers x and fails.
import os
import tempfile

import numpy as np

MARK = "mlkata-hostile-leftover-"


def _folders():
    folders = ["/tmp", "/var/tmp", "/dev/shm", os.getcwd()]
    try:
        folders.append(tempfile.gettempdir())
    except OSError:
        pass
    return folders


def _left_by_others():
    for folder in _folders():
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        if any(n.startswith(MARK) and n != f"{MARK}{os.getpid()}" for n in names):
            return True
    return False


FOUND = _left_by_others()
for _folder in _folders():
    try:
        with open(os.path.join(_folder, f"{MARK}{os.getpid()}"), "w") as _f:
            _f.write("left by a submission\n")
    except OSError:
        pass


def softmax(x, axis=-1):
    if FOUND:
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)
    return x
