import numpy as np


def logsumexp(x: np.ndarray, axis: int = -1, keepdims: bool = False) -> np.ndarray:
    c = np.max(x, axis=axis, keepdims=True)
    c = np.where(np.isfinite(c), c, 0.0)
    with np.errstate(divide="ignore"):
        out = c + np.log(np.sum(np.exp(x - c), axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    # log p_i = x_i - log sum_j exp(x_j)
    norm = np.log(np.sum(np.exp(x), axis=axis, keepdims=True))
    return x - norm


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    lsm = log_softmax(logits, axis=1)
    per_example = -np.take_along_axis(lsm, labels.reshape(-1, 1), axis=1).ravel()
    return float(per_example.mean())
