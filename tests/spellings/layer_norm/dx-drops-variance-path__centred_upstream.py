import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    m = np.mean(x, axis=-1, keepdims=True)
    v = np.mean((x - m) ** 2, axis=-1, keepdims=True)
    return gamma * ((x - m) / np.sqrt(v + eps)) + beta


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    m = np.mean(x, axis=-1, keepdims=True)
    v = np.mean((x - m) ** 2, axis=-1, keepdims=True)
    s = np.sqrt(v + eps)
    xh = (x - m) / s
    k = list(range(x.ndim - 1))
    dg = np.sum(dy * xh, axis=tuple(k))
    db = np.sum(dy, axis=tuple(k))
    up = gamma * dy
    up = up - np.mean(up, axis=-1, keepdims=True)   # the mean's share
    return up / s, dg, db
