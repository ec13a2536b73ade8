# expect: fail
# needs: confinement
# Tries to fill /tmp, /dev/shm and the folder of the bank (with bubblewrap, tmpfs mounts: RAM
# that no rlimit counts and that would outlive the check). With bubblewrap they are all
# read-only; with Landlock none of them is granted. At most 4 MB; it answers right (a breach)
# only if one of them took a file.
import os

import numpy as np

import mlkata


def softmax(x, axis=-1):
    bank = os.path.join(os.path.dirname(mlkata.__file__), "bank")
    for folder in ("/tmp", "/dev/shm", bank):
        path = os.path.join(folder, "fill.bin")
        try:
            with open(path, "wb") as f:
                f.write(b"\0" * (1 << 20))
        except OSError:
            continue
        os.remove(path)
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)
    return x
