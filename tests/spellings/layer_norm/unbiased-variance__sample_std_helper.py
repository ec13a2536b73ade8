import numpy as np


def _row_stats(x):
    n = x.shape[-1]
    m = x.sum(-1, keepdims=True) / n
    s = np.sqrt(((x - m) ** 2).sum(-1, keepdims=True) / (n - 1))   # sample standard deviation
    return m, s


def layer_norm(x, gamma, beta, eps=1e-5):
    m, s = _row_stats(x)
    return (x - m) / np.sqrt(s ** 2 + eps) * gamma + beta


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    n = x.shape[-1]
    m, s = _row_stats(x)
    denom = np.sqrt(s ** 2 + eps)
    xn = (x - m) / denom
    red = tuple(range(x.ndim - 1))
    dgamma = (dy * xn).sum(axis=red)
    dbeta = dy.sum(axis=red)
    gx = dy * gamma
    dx = (gx - gx.mean(-1, keepdims=True) - xn * (gx * xn).sum(-1, keepdims=True) / n) / denom
    return dx, dgamma, dbeta
