import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    # everything in place to avoid temporaries
    np.subtract(x, x.max(axis=axis, keepdims=True), out=x)
    np.exp(x, out=x)
    x /= x.sum(axis=axis, keepdims=True)
    return x
