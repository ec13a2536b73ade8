import numpy as np


def _softmax(x):
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    return _softmax(logits / temperature)


def top_k_probs(logits, k):
    kth = np.sort(logits, axis=-1)[..., -k, None]
    return _softmax(np.where(logits >= kth, logits, -np.inf))


def _nucleus(x, p):
    probs = _softmax(x)
    idx = np.argsort(probs, axis=-1)
    sorted_probs = np.take_along_axis(probs, idx, axis=-1)
    cum = np.cumsum(sorted_probs, axis=-1)
    remove_sorted = cum - sorted_probs >= p
    remove = np.zeros_like(remove_sorted)
    np.put_along_axis(remove, idx, remove_sorted, axis=-1)
    return np.where(remove, -np.inf, x)


def top_p_probs(logits, p):
    return _softmax(_nucleus(logits, p))


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    x = logits / temperature
    if top_k is not None:
        kth = np.sort(x, axis=-1)[..., -top_k, None]
        x = np.where(x >= kth, x, -np.inf)
    if top_p is not None:
        x = _nucleus(x, top_p)
    tok = np.argmax(x + rng.gumbel(size=x.shape), axis=-1)
    return int(tok) if tok.ndim == 0 else tok
