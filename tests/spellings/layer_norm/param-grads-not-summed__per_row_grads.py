import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    c = x - x.mean(-1)[..., None]
    r = 1.0 / np.sqrt((c * c).mean(-1) + eps)[..., None]
    return c * r * gamma + beta


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    c = x - x.mean(-1)[..., None]
    r = 1.0 / np.sqrt((c * c).mean(-1) + eps)[..., None]
    xn = c * r
    g = dy * gamma
    dx = r * (g - g.mean(-1)[..., None] - xn * (g * xn).mean(-1)[..., None])
    dgamma = dy * xn          # y = xn * gamma + beta
    dbeta = dy.copy()
    return dx, dgamma, dbeta
