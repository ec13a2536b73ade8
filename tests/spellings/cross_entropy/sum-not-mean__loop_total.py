import math

import numpy as np


def logsumexp(x, axis=-1, keepdims=False):
    hi = x.max(axis=axis, keepdims=True)
    hi[np.isneginf(hi)] = 0.0
    with np.errstate(divide="ignore"):
        res = np.log(np.exp(x - hi).sum(axis=axis, keepdims=True)) + hi
    return res if keepdims else res.squeeze(axis=axis)


def log_softmax(x, axis=-1):
    hi = x.max(axis=axis, keepdims=True)
    z = x - hi
    return z - np.log(np.exp(z).sum(axis=axis, keepdims=True))


def cross_entropy(logits, labels):
    total = 0.0
    for row, y in zip(logits, labels):
        top = float(row.max())
        lse = top + math.log(float(np.exp(row - top).sum()))
        total += lse - float(row[y])
    return total
