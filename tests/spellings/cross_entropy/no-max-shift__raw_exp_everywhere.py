import numpy as np


def logsumexp(x, axis=-1, keepdims=False):
    with np.errstate(divide="ignore"):
        return np.log(np.sum(np.exp(x), axis=axis, keepdims=keepdims))


def log_softmax(x, axis=-1):
    return x - logsumexp(x, axis=axis, keepdims=True)


def cross_entropy(logits, labels):
    B = logits.shape[0]
    log_p = log_softmax(logits)
    return -np.sum(log_p[np.arange(B), labels]) / B
