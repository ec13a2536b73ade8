import numpy as np


def logsumexp(x, axis=-1, keepdims=False):
    c = np.max(x, axis=axis, keepdims=True)
    c = np.where(np.isfinite(c), c, 0)
    with np.errstate(divide="ignore"):
        v = c + np.log(np.exp(x - c).sum(axis=axis, keepdims=True))
    return v if keepdims else v.squeeze(axis=axis)


def log_softmax(x, axis=-1):
    c = np.max(x, axis=axis, keepdims=True)
    return (x - c) - np.log(np.exp(x - c).sum(axis=axis, keepdims=True))


def cross_entropy(logits, labels):
    # gather the log-prob of each target class
    lp = log_softmax(logits, axis=1)
    target_lp = np.take(lp, labels, axis=1)
    return -np.mean(target_lp)
