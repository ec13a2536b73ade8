import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def logsumexp(x, axis=-1, keepdims=False):
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isneginf(m), 0.0, m)
    with np.errstate(divide="ignore"):
        r = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True)) + m
    return r if keepdims else np.squeeze(r, axis=axis)


def log_softmax(x, axis=-1):
    return np.log(softmax(x, axis=axis))


def cross_entropy(logits, labels):
    lp = log_softmax(logits, axis=-1)
    n = logits.shape[0]
    return -lp[np.arange(n), labels].mean()
