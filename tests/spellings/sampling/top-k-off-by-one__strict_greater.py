import numpy as np


def softmax(x):
    m = x.max(axis=-1, keepdims=True)
    e = np.exp(x - m)
    return e / e.sum(axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    return softmax(np.asarray(logits, dtype=float) / temperature)


def top_k_probs(logits, k):
    x = np.asarray(logits, dtype=float)
    kth_largest = np.partition(x, -k, axis=-1)[..., -k, None]
    probs = softmax(x)
    probs = np.where(x > kth_largest, probs, 0.0)
    return probs / probs.sum(axis=-1, keepdims=True)


def top_p_probs(logits, p):
    probs = softmax(np.asarray(logits, dtype=float))
    order = np.argsort(-probs, axis=-1)
    sp = np.take_along_axis(probs, order, axis=-1)
    n_keep = (np.cumsum(sp, axis=-1) < p).sum(axis=-1, keepdims=True) + 1
    ranks = np.argsort(order, axis=-1)
    probs = np.where(ranks < n_keep, probs, 0.0)
    return probs / probs.sum(axis=-1, keepdims=True)


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    probs = temperature_probs(logits, temperature)
    with np.errstate(divide="ignore"):
        if top_k is not None:
            probs = top_k_probs(np.log(probs), top_k)
        if top_p is not None:
            probs = top_p_probs(np.log(probs), top_p)
    flat = probs.reshape(-1, probs.shape[-1])
    draws = np.array([rng.choice(flat.shape[1], p=row) for row in flat])
    return int(draws[0]) if probs.ndim == 1 else draws
