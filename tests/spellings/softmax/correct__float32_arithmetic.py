import numpy as np


def softmax(x, axis=-1):
    # compute in single precision, hand back the caller's dtype
    x32 = np.asarray(x, dtype=np.float32)
    shifted = x32 - x32.max(axis=axis, keepdims=True)
    e = np.exp(shifted)
    out = e / e.sum(axis=axis, keepdims=True)
    return out.astype(x.dtype)
