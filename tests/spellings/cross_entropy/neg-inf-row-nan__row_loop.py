import numpy as np


def _lse_1d(v):
    top = v.max()
    return top + np.log(np.exp(v - top).sum())


def logsumexp(x, axis=-1, keepdims=False):
    # reduce each 1-d slice on its own
    out = np.apply_along_axis(_lse_1d, axis, x)
    if keepdims:
        out = np.expand_dims(out, axis)
    return out


def log_softmax(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    s = x - m
    return s - np.log(np.sum(np.exp(s), axis=axis, keepdims=True))


def cross_entropy(logits, labels):
    log_probs = log_softmax(logits, axis=1)
    idx = np.arange(logits.shape[0])
    return float(-log_probs[idx, labels].mean())
