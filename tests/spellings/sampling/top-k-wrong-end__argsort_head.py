import numpy as np


def softmax(row):
    e = np.exp(row - row.max())
    return e / e.sum()


def _rowwise(fn, logits):
    x = np.asarray(logits, dtype=float)
    out = np.stack([fn(r) for r in x.reshape(-1, x.shape[-1])])
    return out.reshape(x.shape)


def temperature_probs(logits, temperature):
    return _rowwise(lambda r: softmax(r / temperature), logits)


def _k_row(r, k):
    top = np.argsort(r)[:k]                 # indices of the top k
    out = np.full_like(r, -np.inf)
    out[top] = r[top]
    return out


def _p_row(r, p):
    pr = softmax(r)
    out = np.full_like(r, -np.inf)
    acc = 0.0
    for i in np.argsort(-pr):
        out[i] = r[i]
        acc += pr[i]
        if acc >= p:
            break
    return out


def top_k_probs(logits, k):
    return _rowwise(lambda r: softmax(_k_row(r, k)), logits)


def top_p_probs(logits, p):
    return _rowwise(lambda r: softmax(_p_row(r, p)), logits)


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    x = np.asarray(logits, dtype=float)
    picks = []
    for r in x.reshape(-1, x.shape[-1]):
        r = r / temperature
        if top_k is not None:
            r = _k_row(r, top_k)
        if top_p is not None:
            r = _p_row(r, top_p)
        picks.append(rng.choice(len(r), p=softmax(r)))
    return int(picks[0]) if x.ndim == 1 else np.array(picks)
