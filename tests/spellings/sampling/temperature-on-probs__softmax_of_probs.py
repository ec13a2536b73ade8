import numpy as np


def softmax(v):
    v = np.asarray(v, dtype=float)
    ex = np.exp(v - np.max(v, axis=-1, keepdims=True))
    return ex / np.sum(ex, axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    probs = softmax(logits)
    return softmax(probs / temperature)


def top_k_probs(logits, k):
    x = np.asarray(logits, dtype=float)
    kth = np.sort(x, axis=-1)[..., [-k]]
    return softmax(np.where(x < kth, -np.inf, x))


def top_p_probs(logits, p):
    pr = softmax(logits)
    rows = np.atleast_2d(pr)
    out = np.zeros_like(rows)
    for r, row in enumerate(rows):
        order = np.argsort(-row)
        cum = 0.0
        for j in order:
            out[r, j] = row[j]
            cum += row[j]
            if cum >= p:
                break
    out /= out.sum(axis=-1, keepdims=True)
    return out.reshape(pr.shape)


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    pr = temperature_probs(logits, temperature)
    with np.errstate(divide="ignore"):
        if top_k is not None:
            pr = top_k_probs(np.log(pr), top_k)
        if top_p is not None:
            pr = top_p_probs(np.log(pr), top_p)
    rows = np.atleast_2d(pr)
    picks = np.array([rng.choice(rows.shape[1], p=row) for row in rows])
    return int(picks[0]) if pr.ndim == 1 else picks
