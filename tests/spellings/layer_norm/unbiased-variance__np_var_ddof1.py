import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = np.mean(x, axis=-1, keepdims=True)
    var = np.var(x, axis=-1, ddof=1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    N = x.shape[-1]
    mu = np.mean(x, axis=-1, keepdims=True)
    var = np.var(x, axis=-1, ddof=1, keepdims=True)
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    axes = tuple(range(x.ndim - 1))
    dgamma = np.sum(dy * x_hat, axis=axes)
    dbeta = np.sum(dy, axis=axes)
    dxhat = dy * gamma
    dx = inv_std / N * (N * dxhat - dxhat.sum(-1, keepdims=True) - x_hat * (dxhat * x_hat).sum(-1, keepdims=True))
    return dx, dgamma, dbeta
