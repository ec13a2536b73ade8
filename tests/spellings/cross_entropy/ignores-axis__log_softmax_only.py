import numpy as np


def logsumexp(x, axis=-1, keepdims=False):
    peak = np.max(x, axis=axis, keepdims=True)
    peak = np.where(np.isfinite(peak), peak, 0.0)
    with np.errstate(divide="ignore"):
        total = np.log(np.sum(np.exp(x - peak), axis=axis, keepdims=True)) + peak
    if not keepdims:
        total = np.squeeze(total, axis=axis)
    return total


def log_softmax(x, axis=-1):
    # normalise each row
    return x - logsumexp(x, keepdims=True)


def cross_entropy(logits, labels):
    B = logits.shape[0]
    return -np.mean(log_softmax(logits, axis=1)[np.arange(B), labels])
