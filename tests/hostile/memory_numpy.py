# expect: memory
# A huge numpy allocation: numpy's own "Unable to allocate" error must be named as memory.
import numpy as np


def softmax(x, axis=-1):
    return np.ones((1 << 17, 1 << 17))
