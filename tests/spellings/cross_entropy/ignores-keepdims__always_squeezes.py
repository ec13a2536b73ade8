import numpy as np


def logsumexp(x, axis=-1, keepdims=False):
    m = np.max(x, axis=axis)
    m = np.where(np.isfinite(m), m, 0.0)
    with np.errstate(divide="ignore"):
        return m + np.log(np.sum(np.exp(x - np.expand_dims(m, axis)), axis=axis))


def log_softmax(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    z = x - m
    return z - np.log(np.sum(np.exp(z), axis=axis, keepdims=True))


def cross_entropy(logits, labels):
    lp = log_softmax(logits, axis=-1)
    return float(-lp[np.arange(len(lp)), labels].mean())
