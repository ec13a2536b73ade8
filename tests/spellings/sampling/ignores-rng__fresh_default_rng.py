import numpy as np


def _softmax(z):
    z = z - np.max(z, axis=-1, keepdims=True)
    ez = np.exp(z)
    return ez / np.sum(ez, axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    return _softmax(np.asarray(logits, dtype=float) / temperature)


def _mask_k(z, k):
    kth = np.partition(z, -k, axis=-1)[..., [-k]]
    return np.where(z < kth, -np.inf, z)


def _mask_p(z, p):
    pr = _softmax(z)
    order = np.argsort(-pr, axis=-1)
    sp = np.take_along_axis(pr, order, axis=-1)
    drop = np.empty(z.shape, dtype=bool)
    np.put_along_axis(drop, order, np.cumsum(sp, axis=-1) - sp >= p, axis=-1)
    return np.where(drop, -np.inf, z)


def top_k_probs(logits, k):
    return _softmax(_mask_k(np.asarray(logits, dtype=float), k))


def top_p_probs(logits, p):
    return _softmax(_mask_p(np.asarray(logits, dtype=float), p))


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    z = np.asarray(logits, dtype=float) / temperature
    if top_k is not None:
        z = _mask_k(z, top_k)
    if top_p is not None:
        z = _mask_p(z, top_p)
    pr = _softmax(z)
    gen = np.random.default_rng()
    cdf = np.cumsum(pr, axis=-1)
    u = gen.random(pr.shape[:-1] + (1,)) * cdf[..., -1:]
    tok = np.minimum((cdf <= u).sum(axis=-1), pr.shape[-1] - 1)
    return int(tok) if pr.ndim == 1 else tok
