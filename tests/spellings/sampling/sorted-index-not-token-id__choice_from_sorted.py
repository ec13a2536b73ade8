import numpy as np


def softmax(row):
    e = np.exp(row - row.max())
    return e / e.sum()


def _rows(logits):
    x = np.asarray(logits, dtype=float)
    return x.reshape(-1, x.shape[-1]), x.ndim == 1


def temperature_probs(logits, temperature):
    x = np.asarray(logits, dtype=float)
    rows, _ = _rows(x)
    return np.stack([softmax(r / temperature) for r in rows]).reshape(x.shape)


def top_k_probs(logits, k):
    x = np.asarray(logits, dtype=float)
    rows, _ = _rows(x)
    out = np.zeros_like(rows)
    for i, r in enumerate(rows):
        top = np.argsort(r)[::-1][:k]
        out[i, top] = softmax(r[top])
    return out.reshape(x.shape)


def top_p_probs(logits, p):
    x = np.asarray(logits, dtype=float)
    rows, _ = _rows(x)
    out = np.zeros_like(rows)
    for i, r in enumerate(rows):
        pr = softmax(r)
        order = np.argsort(pr)[::-1]
        n = int(np.searchsorted(np.cumsum(pr[order]), p)) + 1
        out[i, order[:n]] = pr[order[:n]] / pr[order[:n]].sum()
    return out.reshape(x.shape)


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    rows, single = _rows(logits)
    result = []
    for r in rows:
        pr = softmax(r / temperature)
        sorted_p = np.sort(pr)[::-1]          # most likely first
        if top_k is not None:
            sorted_p[top_k:] = 0.0
            sorted_p /= sorted_p.sum()
        if top_p is not None:
            n = int(np.searchsorted(np.cumsum(sorted_p), top_p)) + 1
            sorted_p[n:] = 0.0
            sorted_p /= sorted_p.sum()
        result.append(rng.choice(len(sorted_p), p=sorted_p))
    return int(result[0]) if single else np.array(result)
