import numpy as np


def softmax(z):
    z = z - np.max(z, axis=-1, keepdims=True)
    ez = np.exp(z)
    return ez / np.sum(ez, axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    return softmax(logits / temperature)


def mask_top_k(z, k):
    # indices of the largest entries, then everything else to -inf
    top = np.argsort(z, axis=-1)[..., -k + 1:]
    keep = np.zeros(z.shape, dtype=bool)
    np.put_along_axis(keep, top, True, axis=-1)
    return np.where(keep, z, -np.inf)


def mask_top_p(z, p):
    pr = softmax(z)
    desc = np.argsort(pr, axis=-1)[..., ::-1]
    sp = np.take_along_axis(pr, desc, axis=-1)
    before = np.concatenate([np.zeros_like(sp[..., :1]), np.cumsum(sp, axis=-1)[..., :-1]], axis=-1)
    keep = np.zeros(z.shape, dtype=bool)
    np.put_along_axis(keep, desc, before < p, axis=-1)
    return np.where(keep, z, -np.inf)


def top_k_probs(logits, k):
    return softmax(mask_top_k(logits, k))


def top_p_probs(logits, p):
    return softmax(mask_top_p(logits, p))


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    z = logits / temperature
    if top_k is not None:
        z = mask_top_k(z, top_k)
    if top_p is not None:
        z = mask_top_p(z, top_p)
    pr = softmax(z)
    c = np.cumsum(pr, axis=-1)
    u = rng.random(pr.shape[:-1] + (1,)) * c[..., -1:]
    t = np.minimum((c <= u).sum(axis=-1), pr.shape[-1] - 1)
    return int(t) if pr.ndim == 1 else t
