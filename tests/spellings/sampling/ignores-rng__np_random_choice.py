import numpy as np


def softmax(x):
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    return softmax(logits / temperature)


def top_k_probs(logits, k):
    kth = np.sort(logits, axis=-1)[..., -k, None]
    return softmax(np.where(logits >= kth, logits, -np.inf))


def top_p_probs(logits, p):
    probs = softmax(logits)
    order = np.argsort(-probs, axis=-1)
    sp = np.take_along_axis(probs, order, axis=-1)
    keep = np.zeros(probs.shape, dtype=bool)
    np.put_along_axis(keep, order, np.cumsum(sp, axis=-1) - sp < p, axis=-1)
    probs = np.where(keep, probs, 0.0)
    return probs / probs.sum(axis=-1, keepdims=True)


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    probs = temperature_probs(logits, temperature)
    with np.errstate(divide="ignore"):
        if top_k is not None:
            probs = top_k_probs(np.log(probs), top_k)
        if top_p is not None:
            probs = top_p_probs(np.log(probs), top_p)
    if probs.ndim == 1:
        return int(np.random.choice(len(probs), p=probs))
    return np.array([np.random.choice(probs.shape[1], p=row) for row in probs])
