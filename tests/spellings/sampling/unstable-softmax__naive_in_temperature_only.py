import numpy as np


def _stable(z):
    z = z - z.max(-1, keepdims=True)
    w = np.exp(z)
    return w / w.sum(-1, keepdims=True)


def temperature_probs(logits, temperature):
    w = np.exp(logits / temperature)
    return w / w.sum(-1, keepdims=True)


def _cut_k(z, k):
    kth = -np.sort(-z, -1)[..., k - 1 : k]
    return np.where(z < kth, -np.inf, z)


def _cut_p(z, p):
    pr = _stable(z)
    idx = np.argsort(-pr, -1)
    sp = np.take_along_axis(pr, idx, -1)
    cut_sorted = np.cumsum(sp, -1) - sp >= p
    cut = np.empty_like(cut_sorted)
    np.put_along_axis(cut, idx, cut_sorted, -1)
    return np.where(cut, -np.inf, z)


def top_k_probs(logits, k):
    return _stable(_cut_k(logits, k))


def top_p_probs(logits, p):
    return _stable(_cut_p(logits, p))


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    z = logits / temperature
    if top_k is not None:
        z = _cut_k(z, top_k)
    if top_p is not None:
        z = _cut_p(z, top_p)
    out = np.argmax(z + rng.gumbel(size=z.shape), -1)
    return int(out) if out.ndim == 0 else out
