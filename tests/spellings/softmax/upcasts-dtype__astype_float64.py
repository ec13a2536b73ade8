import numpy as np


def softmax(x, axis=-1):
    x = x.astype(np.float64)  # work in double precision
    x = x - x.max(axis=axis, keepdims=True)
    ex = np.exp(x)
    return ex / ex.sum(axis=axis, keepdims=True)
