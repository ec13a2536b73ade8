# expect: memory
# Grows a list of 256 MiB numpy buffers until the address-space rlimit refuses one.
# np.empty never touches its pages, so this does not really consume the machine's RAM
# (and the loop is bounded at 400 buffers = 100 GiB of address space anyway).
import numpy as np


def softmax(x, axis=-1):
    hoard = []
    for _ in range(400):
        hoard.append(np.empty(256 * 2**20, dtype=np.uint8))
    return hoard
