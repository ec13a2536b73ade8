import numpy as np


def logsumexp(x, axis=-1, keepdims=False):
    mx = x.max(axis=axis, keepdims=True)
    mx[np.isneginf(mx)] = 0.0
    with np.errstate(divide="ignore"):
        res = mx + np.log(np.exp(x - mx).sum(axis=axis, keepdims=True))
    return res.squeeze(axis=axis)


def log_softmax(x, axis=-1):
    return x - logsumexp(x, axis=axis, keepdims=True)


def cross_entropy(logits, labels):
    logp = log_softmax(logits)
    return -float(logp[np.arange(logits.shape[0]), labels].mean())
