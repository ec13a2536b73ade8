import numpy as np


def softmax(x, axis=-1):
    ax = axis % x.ndim
    x64 = x.astype(np.float64)
    mx = np.max(x64, axis=ax)
    e = np.exp(x64 - np.expand_dims(mx, ax))
    p = e / np.expand_dims(e.sum(axis=ax), ax)
    return p.astype(x.dtype, copy=False)
