import numpy as np


def logsumexp(x: np.ndarray, axis: int = -1, keepdims: bool = False):
    peak = np.max(x, axis=axis, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        res = peak + np.log(np.sum(np.exp(x - peak), axis=axis, keepdims=True))
    res = np.where(np.isnan(res), -np.inf, res)  # all -inf slices: -inf - -inf
    if not keepdims:
        res = np.squeeze(res, axis=axis)
        if res.ndim == 0:
            return float(res)
    return res


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    return x - logsumexp(x, axis=axis, keepdims=True)


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    B = len(labels)
    pick = np.zeros_like(logits, dtype=bool)
    pick[np.arange(B), labels] = True
    return -log_softmax(logits, axis=-1)[pick].sum() / B
