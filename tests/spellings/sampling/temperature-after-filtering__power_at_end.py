import numpy as np


def softmax(row):
    e = np.exp(row - row.max())
    return e / e.sum()


def _per_row(fn, logits):
    x = np.asarray(logits, dtype=float)
    res = np.stack([fn(r) for r in x.reshape(-1, x.shape[-1])])
    return res.reshape(x.shape)


def temperature_probs(logits, temperature):
    return _per_row(lambda r: softmax(r / temperature), logits)


def _k_row(pr, k):
    keep = np.argsort(pr)[::-1][:k]
    out = np.zeros_like(pr)
    out[keep] = pr[keep]
    return out / out.sum()


def _p_row(pr, p):
    out = np.zeros_like(pr)
    acc = 0.0
    for i in np.argsort(pr)[::-1]:
        out[i] = pr[i]
        acc += pr[i]
        if acc >= p:
            break
    return out / out.sum()


def top_k_probs(logits, k):
    return _per_row(lambda r: _k_row(softmax(r), k), logits)


def top_p_probs(logits, p):
    return _per_row(lambda r: _p_row(softmax(r), p), logits)


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    x = np.asarray(logits, dtype=float)
    picks = []
    for r in x.reshape(-1, x.shape[-1]):
        pr = softmax(r)
        if top_k is not None:
            pr = _k_row(pr, top_k)
        if top_p is not None:
            pr = _p_row(pr, top_p)
        pr = pr ** (1.0 / temperature)       # sharpen / flatten
        pr = pr / pr.sum()
        picks.append(rng.choice(len(pr), p=pr))
    return int(picks[0]) if x.ndim == 1 else np.array(picks)
