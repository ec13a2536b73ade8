import numpy as np


def _softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    probs = _softmax(np.asarray(logits, dtype=np.float64))
    scaled = probs / temperature
    return scaled / scaled.sum(axis=-1, keepdims=True)


def _filter_k(p, k):
    kth = np.sort(p, axis=-1)[..., -k][..., None]
    p = np.where(p >= kth, p, 0.0)
    return p / p.sum(axis=-1, keepdims=True)


def _filter_p(pr, top_p):
    order = np.argsort(-pr, axis=-1)
    sp = np.take_along_axis(pr, order, axis=-1)
    keep_sorted = np.cumsum(sp, axis=-1) - sp < top_p
    keep = np.zeros_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=-1)
    pr = np.where(keep, pr, 0.0)
    return pr / pr.sum(axis=-1, keepdims=True)


def top_k_probs(logits, k):
    return _filter_k(_softmax(np.asarray(logits, dtype=np.float64)), k)


def top_p_probs(logits, p):
    return _filter_p(_softmax(np.asarray(logits, dtype=np.float64)), p)


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    pr = temperature_probs(logits, temperature)
    if top_k is not None:
        pr = _filter_k(pr, top_k)
    if top_p is not None:
        pr = _filter_p(pr, top_p)
    cdf = np.cumsum(pr, axis=-1)
    u = rng.random(pr.shape[:-1] + (1,)) * cdf[..., -1:]
    tok = np.minimum((cdf <= u).sum(axis=-1), pr.shape[-1] - 1)
    return int(tok) if pr.ndim == 1 else tok
