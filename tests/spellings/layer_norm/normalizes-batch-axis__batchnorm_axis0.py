import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    x_norm = (x - mu) / np.sqrt(var + eps)
    return x_norm * gamma + beta


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    N = x.shape[0]
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    std = np.sqrt(var + eps)
    x_norm = (x - mu) / std
    axes = tuple(range(x.ndim - 1))
    dbeta = dy.sum(axis=axes)
    dgamma = (dy * x_norm).sum(axis=axes)
    dx_norm = dy * gamma
    dx = (N * dx_norm - dx_norm.sum(axis=0) - x_norm * (dx_norm * x_norm).sum(axis=0)) / (N * std)
    return dx, dgamma, dbeta
