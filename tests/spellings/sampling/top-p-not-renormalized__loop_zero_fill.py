import numpy as np


def softmax(v):
    v = v - v.max()
    e = np.exp(v)
    return e / e.sum()


def _map_rows(fn, logits):
    x = np.asarray(logits, dtype=float)
    if x.ndim == 1:
        return fn(x)
    return np.stack([fn(r) for r in x])


def temperature_probs(logits, temperature):
    return _map_rows(lambda r: softmax(r / temperature), logits)


def top_k_probs(logits, k):
    def one(r):
        top = np.argsort(r)[::-1][:k]
        out = np.zeros_like(r)
        out[top] = softmax(r[top])
        return out
    return _map_rows(one, logits)


def top_p_probs(logits, p):
    def one(r):
        pr = softmax(r)
        out = np.zeros_like(pr)
        acc = 0.0
        for i in np.argsort(pr)[::-1]:
            out[i] = pr[i]
            acc += pr[i]
            if acc >= p:
                break
        return out
    return _map_rows(one, logits)


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    def one(r):
        r = r / temperature
        pr = softmax(r)
        if top_k is not None:
            pr = top_k_probs(r, top_k)
        if top_p is not None:
            with np.errstate(divide="ignore"):
                pr = top_p_probs(np.log(pr), top_p)
        return rng.choice(len(pr), p=pr)
    x = np.asarray(logits, dtype=float)
    if x.ndim == 1:
        return int(one(x))
    return np.array([one(r) for r in x])
