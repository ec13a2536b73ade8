import numpy as np


def logsumexp(x: np.ndarray, axis: int = -1, keepdims: bool = False) -> np.ndarray:
    """log sum exp with the max trick."""
    a_max = np.amax(x, axis=axis, keepdims=True)
    a_max[~np.isfinite(a_max)] = 0
    tmp = np.exp(x - a_max)
    with np.errstate(divide="ignore"):
        out = np.log(np.sum(tmp, axis=axis, keepdims=keepdims))
    return out


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    return x - logsumexp(x, axis=axis, keepdims=True)


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    lp = log_softmax(logits, axis=-1)
    return float(-np.mean(np.take_along_axis(lp, labels[:, None], axis=-1)))
