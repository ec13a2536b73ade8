import numpy as np


def _sm(z):
    z = z - z.max(-1, keepdims=True)
    w = np.exp(z)
    return w / w.sum(-1, keepdims=True)


def temperature_probs(logits, temperature):
    return _sm(logits / temperature)


def _topk(z, k):
    cut = -np.sort(-z, axis=-1)[..., k - 1 : k]
    return np.where(z >= cut, z, -np.inf)


def _topp(z, p):
    probs = _sm(z)
    running = np.cumsum(probs, axis=-1)
    drop = (running - probs) >= p
    return np.where(drop, -np.inf, z)


def top_k_probs(logits, k):
    return _sm(_topk(logits, k))


def top_p_probs(logits, p):
    return _sm(_topp(logits, p))


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    z = logits / temperature
    if top_k is not None:
        z = _topk(z, top_k)
    if top_p is not None:
        z = _topp(z, top_p)
    probs = _sm(z)
    cdf = np.cumsum(probs, -1)
    u = rng.random(probs.shape[:-1] + (1,)) * cdf[..., -1:]
    tok = np.minimum((cdf <= u).sum(-1), probs.shape[-1] - 1)
    return int(tok.item()) if probs.ndim == 1 else tok
