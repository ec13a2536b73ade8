import numpy as np


def _shift(x):
    c = x.max()
    if not np.isfinite(c):
        c = 0.0
    return c


def logsumexp(x, axis=-1, keepdims=False):
    c = _shift(x)
    with np.errstate(divide="ignore"):
        r = c + np.log(np.sum(np.exp(x - c), axis=axis, keepdims=keepdims))
    return r


def log_softmax(x, axis=-1):
    return x - logsumexp(x, axis=axis, keepdims=True)


def cross_entropy(logits, labels):
    logp = log_softmax(logits, axis=-1)
    return float(-np.mean(logp[np.arange(len(labels)), labels]))
