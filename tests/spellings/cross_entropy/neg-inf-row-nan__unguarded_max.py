import numpy as np


def _max_keep(x, axis):
    return np.max(x, axis=axis, keepdims=True)


def logsumexp(x, axis=-1, keepdims=False):
    m = _max_keep(x, axis)
    out = m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)


def log_softmax(x, axis=-1):
    return x - logsumexp(x, axis=axis, keepdims=True)


def cross_entropy(logits, labels):
    lp = log_softmax(logits, axis=-1)
    return -float(np.mean(lp[np.arange(logits.shape[0]), labels]))
