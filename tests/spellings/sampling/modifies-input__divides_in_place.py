import numpy as np


def _softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    ez = np.exp(z)
    return ez / ez.sum(axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    logits /= temperature
    return _softmax(logits)


def _topk_mask(z, k):
    kth = np.partition(z, -k, axis=-1)[..., -k:].min(axis=-1, keepdims=True)
    return z >= kth


def _topp_mask(z, p):
    pr = _softmax(z)
    idx = np.argsort(-pr, axis=-1)
    sp = np.take_along_axis(pr, idx, axis=-1)
    keep = np.zeros(z.shape, dtype=bool)
    np.put_along_axis(keep, idx, (np.cumsum(sp, axis=-1) - sp) < p, axis=-1)
    return keep


def top_k_probs(logits, k):
    return _softmax(np.where(_topk_mask(logits, k), logits, -np.inf))


def top_p_probs(logits, p):
    return _softmax(np.where(_topp_mask(logits, p), logits, -np.inf))


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    logits /= temperature
    if top_k is not None:
        logits = np.where(_topk_mask(logits, top_k), logits, -np.inf)
    if top_p is not None:
        logits = np.where(_topp_mask(logits, top_p), logits, -np.inf)
    tok = np.argmax(logits + rng.gumbel(size=logits.shape), axis=-1)
    return int(tok) if tok.ndim == 0 else tok
