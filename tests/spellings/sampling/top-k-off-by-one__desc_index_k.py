import numpy as np


def _softmax(s):
    s = s - s.max(axis=-1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    return _softmax(logits / temperature)


def _keep_top_k(s, k):
    desc = -np.sort(-s, axis=-1)
    threshold = desc[..., min(k, s.shape[-1] - 1)][..., None]
    return np.where(s >= threshold, s, -np.inf)


def _keep_top_p(s, p):
    pr = _softmax(s)
    idx = np.argsort(-pr, axis=-1)
    sp = np.take_along_axis(pr, idx, axis=-1)
    drop_sorted = np.cumsum(sp, axis=-1) - sp >= p
    drop = np.zeros_like(drop_sorted)
    np.put_along_axis(drop, idx, drop_sorted, axis=-1)
    return np.where(drop, -np.inf, s)


def top_k_probs(logits, k):
    return _softmax(_keep_top_k(logits, k))


def top_p_probs(logits, p):
    return _softmax(_keep_top_p(logits, p))


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    s = logits / temperature
    if top_k is not None:
        s = _keep_top_k(s, top_k)
    if top_p is not None:
        s = _keep_top_p(s, top_p)
    choice = np.argmax(s + rng.gumbel(size=s.shape), axis=-1)
    return int(choice) if choice.ndim == 0 else choice
