import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(-1, keepdims=True)
    xmu = x - mu
    ivar = 1.0 / np.sqrt((xmu ** 2).mean(-1, keepdims=True) + eps)
    return gamma * (xmu * ivar) + beta


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    N = x.shape[-1]
    mu = x.mean(-1, keepdims=True)
    xmu = x - mu
    ivar = 1.0 / np.sqrt((xmu ** 2).mean(-1, keepdims=True) + eps)
    xhat = xmu * ivar
    batch_axes = tuple(range(dy.ndim - 1))
    dbeta = dy.sum(axis=batch_axes)
    dgamma = (dy * xhat).sum(axis=batch_axes)
    dxhat = dy * gamma
    dxmu = dxhat * ivar
    dmu = -np.sum(dxmu, axis=-1, keepdims=True)
    dx = dxmu + dmu / N
    return dx, dgamma, dbeta
