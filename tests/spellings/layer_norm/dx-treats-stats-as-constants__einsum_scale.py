import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    d = x.shape[-1]
    rows = x.reshape(-1, d)
    mu = rows.mean(1, keepdims=True)
    inv = (((rows - mu) ** 2).mean(1, keepdims=True) + eps) ** -0.5
    return (np.einsum("nd,d->nd", (rows - mu) * inv, gamma) + beta).reshape(x.shape)


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    d = x.shape[-1]
    rows = x.reshape(-1, d)
    mu = rows.mean(1, keepdims=True)
    inv = (((rows - mu) ** 2).mean(1, keepdims=True) + eps) ** -0.5
    up = dy.reshape(-1, d)
    dgamma = np.einsum("nd,nd->d", up, (rows - mu) * inv)
    dbeta = np.einsum("nd->d", up)
    dx = np.einsum("nd,d->nd", up, gamma) * inv
    return dx.reshape(x.shape), dgamma, dbeta
