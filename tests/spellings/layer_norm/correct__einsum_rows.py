import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    shape = x.shape
    rows = x.reshape(-1, shape[-1])                  # [N, D]
    mean = np.einsum("nd->n", rows) / shape[-1]
    centred = rows - mean[:, None]
    var = np.einsum("nd,nd->n", centred, centred) / shape[-1]
    normed = centred / np.sqrt(var + eps)[:, None]
    return (normed * gamma + beta).reshape(shape)


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    D = x.shape[-1]
    rows = x.reshape(-1, D)
    grads = dy.reshape(-1, D)
    mean = rows.mean(axis=1, keepdims=True)
    centred = rows - mean
    rstd = 1.0 / np.sqrt(np.einsum("nd,nd->n", centred, centred)[:, None] / D + eps)
    xhat = centred * rstd
    dgamma = np.einsum("nd,nd->d", grads, xhat)
    dbeta = np.einsum("nd->d", grads)
    g = grads * gamma
    proj = np.einsum("nd,nd->n", g, xhat)[:, None] / D
    dx = rstd * (g - g.mean(axis=1, keepdims=True) - xhat * proj)
    return dx.reshape(x.shape), dgamma, dbeta
