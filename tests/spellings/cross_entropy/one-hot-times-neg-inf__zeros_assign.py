import numpy as np


def logsumexp(x, axis=-1, keepdims=False):
    hi = x.max(axis=axis, keepdims=True)
    hi[np.isneginf(hi)] = 0.0
    with np.errstate(divide="ignore"):
        r = hi + np.log(np.exp(x - hi).sum(axis=axis, keepdims=True))
    return r if keepdims else r.squeeze(axis=axis)


def log_softmax(x, axis=-1):
    hi = x.max(axis=axis, keepdims=True)
    z = x - hi
    return z - np.log(np.exp(z).sum(axis=axis, keepdims=True))


def cross_entropy(logits, labels):
    B, C = logits.shape
    targets = np.zeros((B, C))
    targets[np.arange(B), labels] = 1.0
    loss = -(targets * log_softmax(logits, axis=1)).sum()
    return loss / B
