import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Softmax of x along `axis`; same shape and dtype as x."""
    shifted = x - x.max(axis=axis, keepdims=True)  # same shape; each slice's max is now 0
    exps = np.exp(shifted)
    return exps / exps.sum(axis=axis, keepdims=True)
