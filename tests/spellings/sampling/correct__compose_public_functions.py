import numpy as np


def temperature_probs(logits, temperature):
    t = np.asarray(logits) / temperature
    t = t - t.max(axis=-1, keepdims=True)
    p = np.exp(t)
    p /= p.sum(axis=-1, keepdims=True)
    return p


def top_k_probs(logits, k):
    x = np.asarray(logits)
    cutoff = -np.sort(-x, axis=-1)[..., k - 1 : k]   # k-th largest, shape [..., 1]
    masked = np.where(x >= cutoff, x, -np.inf)
    return temperature_probs(masked, 1.0)


def top_p_probs(logits, p):
    probs = temperature_probs(logits, 1.0)
    desc = np.argsort(-probs, axis=-1)
    sp = np.take_along_axis(probs, desc, axis=-1)
    csum = np.cumsum(sp, axis=-1)
    keep = np.empty(probs.shape, dtype=bool)
    np.put_along_axis(keep, desc, (csum - sp) < p, axis=-1)
    out = np.where(keep, probs, 0.0)
    return out / out.sum(axis=-1, keepdims=True)


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    probs = temperature_probs(logits, temperature)
    with np.errstate(divide="ignore"):
        if top_k is not None:
            probs = top_k_probs(np.log(probs), top_k)
        if top_p is not None:
            probs = top_p_probs(np.log(probs), top_p)
    if probs.ndim == 1:
        return int(rng.choice(probs.shape[0], p=probs))
    return np.array([rng.choice(probs.shape[1], p=row) for row in probs])
