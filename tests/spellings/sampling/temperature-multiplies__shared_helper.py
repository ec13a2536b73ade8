import numpy as np


def apply_temperature(logits, temperature):
    return logits * temperature


def softmax(x):
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    return softmax(apply_temperature(logits, temperature))


def top_k_probs(logits, k):
    kth = np.partition(logits, -k, axis=-1)[..., -k:].min(axis=-1, keepdims=True)
    return softmax(np.where(logits >= kth, logits, -np.inf))


def top_p_probs(logits, p):
    probs = softmax(logits)
    order = np.argsort(-probs, axis=-1)
    sp = np.take_along_axis(probs, order, axis=-1)
    keep_sorted = np.cumsum(sp, axis=-1) - sp < p
    keep = np.zeros_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=-1)
    probs = np.where(keep, probs, 0.0)
    return probs / probs.sum(axis=-1, keepdims=True)


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    x = apply_temperature(logits, temperature)
    probs = top_k_probs(x, top_k) if top_k is not None else softmax(x)
    if top_p is not None:
        with np.errstate(divide="ignore"):
            probs = top_p_probs(np.log(probs), top_p)
    rows = probs.reshape(-1, probs.shape[-1])
    picks = np.array([rng.choice(rows.shape[1], p=r) for r in rows])
    return int(picks[0]) if probs.ndim == 1 else picks
