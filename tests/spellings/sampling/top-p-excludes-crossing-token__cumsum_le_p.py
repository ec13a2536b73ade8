import numpy as np


def _softmax(z):
    z = z - np.max(z, axis=-1, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    return _softmax(np.asarray(logits, dtype=np.float64) / temperature)


def _top_k_mask(x, k):
    kth = np.partition(x, -k, axis=-1)[..., -k:].min(axis=-1, keepdims=True)
    return x >= kth


def top_k_probs(logits, k):
    x = np.asarray(logits, dtype=np.float64)
    return _softmax(np.where(_top_k_mask(x, k), x, -np.inf))


def _nucleus_mask(x, p):
    probs = _softmax(x)
    idx = np.argsort(-probs, axis=-1)
    cum = np.cumsum(np.take_along_axis(probs, idx, axis=-1), axis=-1)
    keep_sorted = cum <= p
    mask = np.zeros_like(keep_sorted)
    np.put_along_axis(mask, idx, keep_sorted, axis=-1)
    return mask


def top_p_probs(logits, p):
    x = np.asarray(logits, dtype=np.float64)
    return _softmax(np.where(_nucleus_mask(x, p), x, -np.inf))


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    x = np.asarray(logits, dtype=np.float64) / temperature
    if top_k is not None:
        x = np.where(_top_k_mask(x, top_k), x, -np.inf)
    if top_p is not None:
        x = np.where(_nucleus_mask(x, top_p), x, -np.inf)
    g = rng.gumbel(size=x.shape)
    out = np.argmax(x + g, axis=-1)
    return int(out) if np.ndim(out) == 0 else out
