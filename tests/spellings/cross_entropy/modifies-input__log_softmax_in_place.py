import numpy as np


def logsumexp(x, axis=-1, keepdims=False):
    c = x.max(axis=axis, keepdims=True)
    c[~np.isfinite(c)] = 0.0
    with np.errstate(divide="ignore"):
        s = c + np.log(np.exp(x - c).sum(axis=axis, keepdims=True))
    return s if keepdims else s.squeeze(axis=axis)


def log_softmax(x, axis=-1):
    # in place to save memory
    x -= x.max(axis=axis, keepdims=True)
    x -= np.log(np.exp(x).sum(axis=axis, keepdims=True))
    return x


def cross_entropy(logits, labels):
    lp = log_softmax(logits, axis=1)
    return -float(lp[np.arange(lp.shape[0]), labels].mean())
