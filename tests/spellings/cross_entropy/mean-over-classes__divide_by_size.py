import numpy as np


def logsumexp(x, axis=-1, keepdims=False):
    mx = np.amax(x, axis=axis, keepdims=True)
    mx = np.where(np.isinf(mx), 0.0, mx)
    with np.errstate(divide="ignore"):
        s = np.log(np.sum(np.exp(x - mx), axis=axis, keepdims=True)) + mx
    if not keepdims:
        s = np.squeeze(s, axis=axis)
    return s


def log_softmax(x, axis=-1):
    mx = np.amax(x, axis=axis, keepdims=True)
    return x - mx - np.log(np.sum(np.exp(x - mx), axis=axis, keepdims=True))


def cross_entropy(logits, labels):
    lp = log_softmax(logits, axis=1)
    nll = -lp[np.arange(len(labels)), labels].sum()
    return float(nll / logits.size)
