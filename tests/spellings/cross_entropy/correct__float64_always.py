import numpy as np


def logsumexp(x, axis=-1, keepdims=False):
    x = np.asarray(x, dtype=np.float64)  # float64 result whatever comes in
    m = np.max(x, axis=axis, keepdims=True)
    m[np.isneginf(m)] = 0.0
    with np.errstate(divide="ignore"):
        r = m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
    return r if keepdims else np.squeeze(r, axis=axis)


def log_softmax(x, axis=-1):
    x = np.asarray(x, dtype=np.float64)
    return x - logsumexp(x, axis=axis, keepdims=True)


def cross_entropy(logits, labels):
    nll = logsumexp(logits, axis=1) - logits[np.arange(len(labels)), labels]
    return float(np.mean(nll))
