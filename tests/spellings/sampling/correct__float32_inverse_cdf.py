import numpy as np


def _softmax32(z):
    # everything in float32; the max is subtracted first
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    x = np.asarray(logits, dtype=np.float32)
    return _softmax32(x / np.float32(temperature))


def top_k_probs(logits, k):
    x = np.asarray(logits, dtype=np.float32)
    kth = np.sort(x, axis=-1)[..., x.shape[-1] - k][..., None]
    return _softmax32(np.where(x >= kth, x, np.float32(-np.inf)))


def top_p_probs(logits, p):
    x = np.asarray(logits, dtype=np.float32)
    probs = _softmax32(x)
    order = np.argsort(-probs, axis=-1)
    srt = np.take_along_axis(probs, order, axis=-1)
    before = np.cumsum(srt, axis=-1) - srt
    keep_sorted = before < p
    keep = np.zeros_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=-1)
    return _softmax32(np.where(keep, x, np.float32(-np.inf)))


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    x = np.asarray(logits, dtype=np.float32) / np.float32(temperature)
    if top_k is not None:
        kth = np.sort(x, axis=-1)[..., x.shape[-1] - top_k][..., None]
        x = np.where(x >= kth, x, np.float32(-np.inf))
    probs = top_p_probs(x, top_p) if top_p is not None else _softmax32(x)
    cdf = np.cumsum(probs, axis=-1)
    u = rng.random(probs.shape[:-1] + (1,)) * cdf[..., -1:]
    tok = (cdf <= u).sum(axis=-1)
    # a draw can only land on a token with positive mass: step over zero-probability ones
    tok = np.minimum(tok, probs.shape[-1] - 1)
    if probs.ndim == 1:
        return int(tok[0]) if np.ndim(tok) else int(tok)
    return tok
