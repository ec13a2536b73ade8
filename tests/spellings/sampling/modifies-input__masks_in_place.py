import numpy as np


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    return softmax(logits / temperature)


def top_k_probs(logits, k):
    kth = np.sort(logits, axis=-1)[..., -k:-k + 1] if k > 1 else logits.max(axis=-1, keepdims=True)
    logits[logits < kth] = -np.inf
    return softmax(logits)


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
    scores = logits / temperature
    probs = top_k_probs(scores, top_k) if top_k is not None else softmax(scores)
    if top_p is not None:
        with np.errstate(divide="ignore"):
            probs = top_p_probs(np.log(probs), top_p)
    c = np.cumsum(probs, axis=-1)
    u = rng.random(probs.shape[:-1] + (1,)) * c[..., -1:]
    tok = np.minimum((c <= u).sum(axis=-1), probs.shape[-1] - 1)
    return int(tok) if probs.ndim == 1 else tok
