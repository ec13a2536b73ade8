import numpy as np


def logsumexp(x: np.ndarray, axis: int = -1, keepdims: bool = False) -> np.ndarray:
    top = np.max(x, axis=axis, keepdims=True)
    top[~np.isfinite(top)] = 0
    with np.errstate(divide="ignore"):
        val = top + np.log(np.sum(np.exp(x - top), axis=axis, keepdims=True))
    return val if keepdims else np.squeeze(val, axis=axis)


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    return x - logsumexp(x, axis=axis, keepdims=True)


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    # nll_b = logsumexp(logits_b) - logits_b[y_b]
    correct = logits[np.arange(logits.shape[0]), labels]
    return float(np.mean(correct - logsumexp(logits, axis=1)))
