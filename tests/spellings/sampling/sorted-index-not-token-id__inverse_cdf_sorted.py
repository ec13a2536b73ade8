import numpy as np


def _softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    return _softmax(logits / temperature)


def _sorted_filtered(z, top_k, top_p):
    """Probabilities sorted in decreasing order, with top-k and top-p applied, renormalised."""
    sp = -np.sort(-_softmax(z), axis=-1)
    if top_k is not None:
        sp[..., top_k:] = 0.0
        sp = sp / sp.sum(axis=-1, keepdims=True)
    if top_p is not None:
        sp = np.where(np.cumsum(sp, axis=-1) - sp < top_p, sp, 0.0)
        sp = sp / sp.sum(axis=-1, keepdims=True)
    return sp


def top_k_probs(logits, k):
    kth = np.sort(logits, axis=-1)[..., -k, None]
    return _softmax(np.where(logits >= kth, logits, -np.inf))


def top_p_probs(logits, p):
    probs = _softmax(logits)
    order = np.argsort(-probs, axis=-1)
    sp = np.take_along_axis(probs, order, axis=-1)
    keep = np.zeros(probs.shape, dtype=bool)
    np.put_along_axis(keep, order, np.cumsum(sp, axis=-1) - sp < p, axis=-1)
    probs = np.where(keep, probs, 0.0)
    return probs / probs.sum(axis=-1, keepdims=True)


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    sp = _sorted_filtered(logits / temperature, top_k, top_p)
    cdf = np.cumsum(sp, axis=-1)
    u = rng.random(sp.shape[:-1] + (1,))
    idx = np.minimum((cdf < u).sum(axis=-1), sp.shape[-1] - 1)
    return int(idx) if sp.ndim == 1 else idx
