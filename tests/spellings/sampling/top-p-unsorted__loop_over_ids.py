import numpy as np


def softmax(row):
    e = np.exp(row - np.max(row))
    return e / e.sum()


def temperature_probs(logits, temperature):
    return np.apply_along_axis(lambda r: softmax(r / temperature), -1, logits)


def _top_k_row(row, k):
    keep = np.argsort(row)[-k:]
    out = np.full_like(row, -np.inf, dtype=float)
    out[keep] = row[keep]
    return out


def _top_p_row(row, p):
    probs = softmax(row)
    kept = np.zeros(len(row), dtype=bool)
    total = 0.0
    for i in range(len(row)):        # walk the vocabulary, adding mass until we reach p
        kept[i] = True
        total += probs[i]
        if total >= p:
            break
    return np.where(kept, row, -np.inf)


def top_k_probs(logits, k):
    return np.apply_along_axis(lambda r: softmax(_top_k_row(r, k)), -1, logits)


def top_p_probs(logits, p):
    return np.apply_along_axis(lambda r: softmax(_top_p_row(r, p)), -1, logits)


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    rows = np.atleast_2d(logits)
    out = []
    for row in rows:
        row = row / temperature
        if top_k is not None:
            row = _top_k_row(row, top_k)
        if top_p is not None:
            row = _top_p_row(row, top_p)
        out.append(rng.choice(len(row), p=softmax(row)))
    return int(out[0]) if logits.ndim == 1 else np.array(out)
