import numpy as np


def _normalise(weights, axis):
    # divide every slice by its total
    total = np.expand_dims(np.sum(weights, axis=axis), axis)
    return weights / total


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """exp(x) / sum(exp(x)) along axis."""
    unnormalised = np.exp(x)
    return _normalise(unnormalised, axis)
