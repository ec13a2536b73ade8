import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    D = x.shape[-1]
    flat = x.reshape(-1, D)
    mean = flat.mean(0)                       # per-feature statistics over all rows
    var = ((flat - mean) ** 2).mean(0)
    y = (flat - mean) / np.sqrt(var + eps) * gamma + beta
    return y.reshape(x.shape)


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    D = x.shape[-1]
    flat = x.reshape(-1, D)
    g_out = dy.reshape(-1, D)
    mean = flat.mean(0)
    rstd = 1 / np.sqrt(((flat - mean) ** 2).mean(0) + eps)
    xhat = (flat - mean) * rstd
    dgamma = (g_out * xhat).sum(0)
    dbeta = g_out.sum(0)
    g = g_out * gamma
    dx = rstd * (g - g.mean(0) - xhat * (g * xhat).mean(0))
    return dx.reshape(x.shape), dgamma, dbeta
