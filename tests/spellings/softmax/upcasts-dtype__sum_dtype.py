import numpy as np


def softmax(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    w = np.exp(x - m)
    # accumulate the normaliser in float64 for accuracy
    z = np.sum(w, axis=axis, keepdims=True, dtype=np.float64)
    return w / z
