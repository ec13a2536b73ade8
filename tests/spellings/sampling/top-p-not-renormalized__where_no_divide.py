import numpy as np


def _softmax(x):
    shifted = x - np.max(x, axis=-1, keepdims=True)
    ex = np.exp(shifted)
    return ex / np.sum(ex, axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    return _softmax(np.asarray(logits) / temperature)


def top_k_probs(logits, k):
    kth = np.partition(logits, -k, axis=-1)[..., [-k]]
    return _softmax(np.where(logits < kth, -np.inf, logits))


def top_p_probs(logits, p):
    probs = _softmax(np.asarray(logits))
    order = np.argsort(-probs, axis=-1)
    sorted_probs = np.take_along_axis(probs, order, axis=-1)
    excl = np.cumsum(sorted_probs, axis=-1) - sorted_probs
    keep = np.zeros(probs.shape, dtype=bool)
    np.put_along_axis(keep, order, excl < p, axis=-1)
    return np.where(keep, probs, 0.0)


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    scores = np.asarray(logits) / temperature
    if top_k is not None:
        kth = np.partition(scores, -top_k, axis=-1)[..., [-top_k]]
        scores = np.where(scores < kth, -np.inf, scores)
    if top_p is not None:
        with np.errstate(divide="ignore"):
            scores = np.log(top_p_probs(scores, top_p))
    noise = rng.gumbel(size=scores.shape)
    ids = (scores + noise).argmax(axis=-1)
    return int(ids) if ids.ndim == 0 else ids
