import numpy as np


def softmax(x, axis=-1):
    y = np.array(x, copy=True)
    y -= y.max(axis=axis, keepdims=True)
    np.exp(y, out=y)
    y /= y.sum(axis=axis, keepdims=True)
    return y
