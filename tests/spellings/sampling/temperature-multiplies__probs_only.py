import numpy as np


def _softmax(s):
    s = s - np.max(s, axis=-1, keepdims=True)
    e = np.exp(s)
    return e / np.sum(e, axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    return _softmax(np.asarray(logits, dtype=np.float64) * temperature)


def _k_filter(s, k):
    kth = np.sort(s, axis=-1)[..., -k, None]
    return np.where(s >= kth, s, -np.inf)


def _p_filter(s, p):
    pr = _softmax(s)
    order = np.argsort(-pr, axis=-1)
    sp = np.take_along_axis(pr, order, axis=-1)
    drop_sorted = np.cumsum(sp, axis=-1) - sp >= p
    drop = np.zeros_like(drop_sorted)
    np.put_along_axis(drop, order, drop_sorted, axis=-1)
    return np.where(drop, -np.inf, s)


def top_k_probs(logits, k):
    return _softmax(_k_filter(np.asarray(logits, dtype=np.float64), k))


def top_p_probs(logits, p):
    return _softmax(_p_filter(np.asarray(logits, dtype=np.float64), p))


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    s = np.asarray(logits, dtype=np.float64) / temperature
    if top_k is not None:
        s = _k_filter(s, top_k)
    if top_p is not None:
        s = _p_filter(s, top_p)
    tok = np.argmax(s + rng.gumbel(size=s.shape), axis=-1)
    return int(tok) if tok.ndim == 0 else tok
