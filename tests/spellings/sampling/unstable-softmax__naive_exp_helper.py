import numpy as np


def softmax(x):
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    return softmax(logits / temperature)


def top_k_probs(logits, k):
    kth = np.sort(logits, axis=-1)[..., -k][..., None]
    return softmax(np.where(logits >= kth, logits, -np.inf))


def top_p_probs(logits, p):
    probs = softmax(logits)
    order = np.argsort(-probs, axis=-1)
    sp = np.take_along_axis(probs, order, axis=-1)
    drop_sorted = np.cumsum(sp, axis=-1) - sp >= p
    drop = np.zeros_like(drop_sorted)
    np.put_along_axis(drop, order, drop_sorted, axis=-1)
    return softmax(np.where(drop, -np.inf, logits))


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    probs = temperature_probs(logits, temperature)
    with np.errstate(divide="ignore"):
        if top_k is not None:
            probs = top_k_probs(np.log(probs), top_k)
        if top_p is not None:
            probs = top_p_probs(np.log(probs), top_p)
    flat = probs.reshape(-1, probs.shape[-1])
    picks = np.array([rng.choice(flat.shape[1], p=r) for r in flat])
    return int(picks[0]) if probs.ndim == 1 else picks
