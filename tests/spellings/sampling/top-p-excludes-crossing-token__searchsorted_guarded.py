import numpy as np


def softmax(x):
    x = x - x.max(axis=-1, keepdims=True)
    ex = np.exp(x)
    return ex / ex.sum(axis=-1, keepdims=True)


def temperature_probs(logits, temperature):
    return softmax(logits / temperature)


def top_k_probs(logits, k):
    thresh = np.sort(logits, axis=-1)[..., -k][..., None]
    return softmax(np.where(logits >= thresh, logits, -np.inf))


def _nucleus_row(probs, p):
    order = np.argsort(probs)[::-1]
    cum = np.cumsum(probs[order])
    n = max(int(np.searchsorted(cum, p)), 1)   # how many tokens until we reach p
    keep = np.zeros(len(probs), dtype=bool)
    keep[order[:n]] = True
    return keep


def top_p_probs(logits, p):
    x = np.atleast_2d(logits)
    out = np.empty(x.shape)
    for i, row in enumerate(x):
        pr = softmax(row)
        pr = np.where(_nucleus_row(pr, p), pr, 0.0)
        out[i] = pr / pr.sum()
    return out.reshape(np.shape(logits))


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    x = np.atleast_2d(logits) / temperature
    tokens = []
    for row in x:
        if top_k is not None:
            row = np.where(row >= np.sort(row)[-top_k], row, -np.inf)
        pr = softmax(row)
        if top_p is not None:
            pr = np.where(_nucleus_row(pr, top_p), pr, 0.0)
            pr = pr / pr.sum()
        tokens.append(rng.choice(len(pr), p=pr))
    tokens = np.asarray(tokens)
    return int(tokens[0]) if np.ndim(logits) == 1 else tokens
