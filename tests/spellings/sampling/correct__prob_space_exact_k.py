"""Filtering in probability space: zero the dropped tokens, renormalise. Top-k keeps exactly k."""
import numpy as np


def _probs(logits):
    z = np.asarray(logits, dtype=np.float64)
    z = z - np.max(z, axis=-1, keepdims=True)
    w = np.exp(z)
    return w / np.sum(w, axis=-1, keepdims=True)


def _renorm(p):
    return p / p.sum(axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    return _probs(np.asarray(logits, dtype=np.float64) / temperature)


def _keep_top_k(p, k):
    idx = np.argsort(-p, axis=-1, kind="stable")[..., :k]   # exactly k survivors
    mask = np.zeros(p.shape, dtype=bool)
    np.put_along_axis(mask, idx, True, axis=-1)
    return _renorm(np.where(mask, p, 0.0))


def _keep_top_p(p, top_p):
    idx = np.argsort(-p, axis=-1)
    ps = np.take_along_axis(p, idx, axis=-1)
    c = np.cumsum(ps, axis=-1)
    n_keep = (c < top_p).sum(axis=-1, keepdims=True) + 1   # the token that crosses p is in
    ranks = np.empty_like(idx)
    np.put_along_axis(ranks, idx, np.broadcast_to(np.arange(p.shape[-1]), idx.shape), axis=-1)
    return _renorm(np.where(ranks < n_keep, p, 0.0))


def top_k_probs(logits, k):
    return _keep_top_k(_probs(logits), k)


def top_p_probs(logits, p):
    return _keep_top_p(_probs(logits), p)


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    p = temperature_probs(logits, temperature)
    if top_k is not None:
        p = _keep_top_k(p, top_k)
    if top_p is not None:
        p = _keep_top_p(p, top_p)
    flat = p.reshape(-1, p.shape[-1])
    cdf = np.cumsum(flat, axis=1)
    u = rng.random(len(flat)) * cdf[:, -1]
    out = np.array([np.searchsorted(row, ui, side="right") for row, ui in zip(cdf, u)])
    out = np.minimum(out, p.shape[-1] - 1)
    return int(out[0]) if p.ndim == 1 else out
