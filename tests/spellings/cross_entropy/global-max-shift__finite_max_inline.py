import numpy as np


def logsumexp(x, axis=-1, keepdims=False):
    finite = x[np.isfinite(x)]
    m = finite.max() if finite.size else 0.0
    with np.errstate(divide="ignore"):
        out = np.log(np.exp(x - m).sum(axis=axis, keepdims=keepdims)) + m
    return out


def log_softmax(x, axis=-1):
    m = x[np.isfinite(x)].max()
    z = x - m
    with np.errstate(divide="ignore"):
        return z - np.log(np.exp(z).sum(axis=axis, keepdims=True))


def cross_entropy(logits, labels):
    n = len(labels)
    lp = log_softmax(logits, axis=1)
    return -lp[np.arange(n), labels].sum() / n
