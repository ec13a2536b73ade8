# expect: fail
# message: not accept
# An ndarray subclass whose __eq__ and __array__ lie: subclasses are refused.
import numpy as np


class Liar(np.ndarray):
    def __eq__(self, other):
        return np.ones(np.shape(other), dtype=bool)

    def __array__(self, dtype=None, copy=None):
        raise RuntimeError("nope")

    def __array_finalize__(self, obj):
        pass


def softmax(x, axis=-1):
    return np.zeros(x.shape, dtype=x.dtype).view(Liar)
