import math

import numpy as np


def _lse(values):
    top = max(values)
    if top == -math.inf:
        return -math.inf
    return top + math.log(sum(math.exp(v - top) for v in values))


def logsumexp(x, axis=-1, keepdims=False):
    moved = np.moveaxis(x, axis, -1)
    out = np.empty(moved.shape[:-1], dtype=x.dtype)
    for idx in np.ndindex(out.shape):
        out[idx] = _lse([float(v) for v in moved[idx]])
    return np.expand_dims(out, axis) if keepdims else out


def log_softmax(x, axis=-1):
    out = np.empty_like(x)
    src, dst = np.moveaxis(x, axis, -1), np.moveaxis(out, axis, -1)
    for idx in np.ndindex(src.shape[:-1]):
        row = [float(v) for v in src[idx]]
        norm = _lse(row)
        dst[idx] = [v - norm for v in row]
    return out


def cross_entropy(logits, labels):
    losses = []
    for row, y in zip(logits, labels):
        row = [float(v) for v in row]
        losses.append(_lse(row) - row[int(y)])
    return sum(losses) / len(losses)
