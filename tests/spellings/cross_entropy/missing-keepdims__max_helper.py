import numpy as np


def _row_max(x, axis):
    m = np.max(x, axis=axis)
    return np.where(np.isfinite(m), m, 0.0)


def logsumexp(x, axis=-1, keepdims=False):
    m = _row_max(x, axis)
    with np.errstate(divide="ignore"):
        out = m + np.log(np.sum(np.exp(x - m), axis=axis))
    return np.expand_dims(out, axis) if keepdims else out


def log_softmax(x, axis=-1):
    shifted = x - _row_max(x, axis)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def cross_entropy(logits, labels):
    lp = log_softmax(logits)
    return float(-lp[np.arange(logits.shape[0]), labels].mean())
