import numpy as np


def logsumexp(x, axis=-1, keepdims=False):
    m = np.max(x, axis=axis, keepdims=True)
    m[~np.isfinite(m)] = 0.0
    with np.errstate(divide="ignore"):
        s = m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
    return s if keepdims else np.squeeze(s, axis)


def log_softmax(x, axis=-1):
    return x - logsumexp(x, axis=axis, keepdims=True)


def cross_entropy(logits, labels):
    log_probs = log_softmax(logits, axis=-1)
    return float(-log_probs[:, labels].mean())
