import numpy as np


def _softmax(x):
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    return _softmax(logits / temperature)


def _top_k(x, k):
    kth = np.sort(x, axis=-1)[..., -k, None]
    return np.where(x >= kth, x, -np.inf)


def _top_p(x, p):
    probs = _softmax(x)
    order = np.argsort(-probs, axis=-1)
    sp = np.take_along_axis(probs, order, axis=-1)
    drop_sorted = np.cumsum(sp, axis=-1) - sp >= p
    drop = np.zeros_like(drop_sorted)
    np.put_along_axis(drop, order, drop_sorted, axis=-1)
    return np.where(drop, -np.inf, x)


def top_k_probs(logits, k):
    return _softmax(_top_k(logits, k))


def top_p_probs(logits, p):
    return _softmax(_top_p(logits, p))


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    x = np.array(logits, dtype=np.float64)
    if top_k is not None:
        x = _top_k(x, top_k)
    if top_p is not None:
        x = _top_p(x, top_p)
    x = x / temperature
    tok = np.argmax(x + rng.gumbel(size=x.shape), axis=-1)
    return int(tok) if tok.ndim == 0 else tok
