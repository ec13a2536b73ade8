import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    if training:
        mu = np.mean(x, 0)
        var = np.var(x, 0)
        running_mean = running_mean * (1 - momentum) + mu * momentum
        running_var = running_var * (1 - momentum) + np.var(x, 0, ddof=1) * momentum
    else:
        mu, var = running_mean, running_var
        running_mean, running_var = running_mean.copy(), running_var.copy()
    xhat = (x - mu) / np.sqrt(var + eps)
    return xhat * gamma + beta, running_mean, running_var


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    n = x.shape[0]
    mu = np.mean(x, 0)
    inv_std = 1 / np.sqrt(np.var(x, 0) + eps)
    xhat = (x - mu) * inv_std
    dxhat = dy * gamma
    dmu = -np.sum(dxhat * inv_std, 0)
    dx = dxhat * inv_std + dmu / n
    return dx, np.sum(dy * xhat, 0), np.sum(dy, 0)
