import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    c = x - np.mean(x, -1, keepdims=True)
    sigma = np.sqrt(np.mean(c ** 2, -1, keepdims=True))
    return c / (sigma + eps) * gamma + beta


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    d = x.shape[-1]
    c = x - np.mean(x, -1, keepdims=True)
    r = 1.0 / np.sqrt(np.mean(c ** 2, -1, keepdims=True) + eps)
    xh = c * r
    flat = (-1, d)
    dg = (dy * xh).reshape(flat).sum(0)
    db = dy.reshape(flat).sum(0)
    t = dy * gamma
    dx = r * (t - np.mean(t, -1, keepdims=True) - xh * np.mean(t * xh, -1, keepdims=True))
    return dx, dg, db
