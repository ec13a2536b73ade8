import numpy as np


def logsumexp(x, axis=-1, keepdims=False):
    mx = x.max(axis=axis, keepdims=True)
    mx[~np.isfinite(mx)] = 0
    with np.errstate(divide="ignore"):
        s = mx + np.log(np.exp(x - mx).sum(axis=axis, keepdims=True))
    if not keepdims:
        s = s.squeeze(axis)
    return s


def log_softmax(x, axis=-1):
    return x - logsumexp(x, axis=axis, keepdims=True)


def cross_entropy(logits, labels):
    # probability of the right class, then negative log likelihood
    shifted = logits - logits.max(axis=1, keepdims=True)
    probs = np.exp(shifted)
    probs /= probs.sum(axis=1, keepdims=True)
    p_true = probs[np.arange(len(labels)), labels]
    return float(-np.mean(np.log(p_true)))
