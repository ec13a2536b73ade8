import heapq

import numpy as np


def softmax(v):
    m = max(v)
    ex = np.exp(np.asarray(v, dtype=float) - m)
    return ex / ex.sum()


def _rows(logits):
    arr = np.asarray(logits, dtype=float)
    return arr.reshape(-1, arr.shape[-1]), arr.shape


def temperature_probs(logits, temperature):
    rows, shape = _rows(logits)
    return np.stack([softmax(r / temperature) for r in rows]).reshape(shape)


def _topk_row(r, k):
    # keep every token whose logit is at least the k-th largest one
    kth = heapq.nlargest(k, r.tolist())[-1]
    out = softmax(np.where(r >= kth, r, -np.inf))
    return out


def top_k_probs(logits, k):
    rows, shape = _rows(logits)
    return np.stack([_topk_row(r, k) for r in rows]).reshape(shape)


def _topp_row(r, p):
    pr = softmax(r)
    ranked = sorted(range(len(pr)), key=lambda i: -pr[i])
    kept, mass = [], 0.0
    for i in ranked:
        kept.append(i)
        mass += pr[i]
        if mass >= p:
            break
    out = np.zeros_like(pr)
    out[kept] = pr[kept]
    return out / out.sum()


def top_p_probs(logits, p):
    rows, shape = _rows(logits)
    return np.stack([_topp_row(r, p) for r in rows]).reshape(shape)


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    rows, shape = _rows(logits)
    picks = []
    for r in rows:
        r = r / temperature
        if top_k is not None:
            kth = heapq.nlargest(top_k, r.tolist())[-1]
            r = np.where(r >= kth, r, -np.inf)
        pr = _topp_row(r, top_p) if top_p is not None else softmax(r)
        picks.append(rng.choice(len(pr), p=pr))
    if len(shape) == 1:
        return int(picks[0])
    return np.array(picks, dtype=np.int64)
