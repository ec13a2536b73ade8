import numpy as np


def softmax(x, axis=-1):
    """Numerically stable softmax."""
    stable = x - x.max(axis=axis, keepdims=True)
    numerator = np.exp(stable)
    denominator = numerator.sum(axis=axis)
    return numerator / denominator
