import numpy as np


def _softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    return _softmax(np.asarray(logits, dtype=np.float64) / temperature)


def _topk(z, k):
    threshold = np.sort(z, axis=-1)[..., k - 1 : k]
    return np.where(z >= threshold, z, -np.inf)


def _topp(z, p):
    pr = _softmax(z)
    order = np.argsort(-pr, axis=-1)
    sp = np.take_along_axis(pr, order, axis=-1)
    keep = np.zeros(z.shape, dtype=bool)
    np.put_along_axis(keep, order, np.cumsum(sp, axis=-1) - sp < p, axis=-1)
    return np.where(keep, z, -np.inf)


def top_k_probs(logits, k):
    return _softmax(_topk(np.asarray(logits, dtype=np.float64), k))


def top_p_probs(logits, p):
    return _softmax(_topp(np.asarray(logits, dtype=np.float64), p))


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    z = np.asarray(logits, dtype=np.float64) / temperature
    if top_k is not None:
        z = _topk(z, top_k)
    if top_p is not None:
        z = _topp(z, top_p)
    t = np.argmax(z + rng.gumbel(size=z.shape), axis=-1)
    return int(t) if t.ndim == 0 else t
