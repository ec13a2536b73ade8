import numpy as np


def logsumexp(x, axis=-1, keepdims=False):
    peak = x.max(axis=axis, keepdims=True)
    peak[np.isneginf(peak)] = 0.0
    with np.errstate(divide="ignore"):
        res = np.log(np.exp(x - peak).sum(axis=axis, keepdims=True)) + peak
    return res if keepdims else res.squeeze(axis=axis)


def log_softmax(x, axis=-1):
    z = x - x.max(axis=axis, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=axis, keepdims=True))


def cross_entropy(logits, labels):
    # normaliser per class column
    norm = logsumexp(logits, axis=0)
    picked = logits[np.arange(logits.shape[0]), labels]
    return float(np.mean(norm[labels] - picked))
