import numpy as np


def _moments(x):
    n = x.shape[0]
    mu = x.sum(axis=0) / n
    var = ((x - mu) ** 2).sum(axis=0) / (n - 1)
    return mu, var


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    if training:
        mu, var = _moments(x)
        rm = (1 - momentum) * running_mean + momentum * mu
        rv = (1 - momentum) * running_var + momentum * var
    else:
        mu, var = running_mean, running_var
        rm, rv = running_mean.copy(), running_var.copy()
    return (x - mu) / np.sqrt(var + eps) * gamma + beta, rm, rv


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    mu, var = _moments(x)
    rstd = 1 / np.sqrt(var + eps)
    xh = (x - mu) * rstd
    g = dy * gamma
    dx = rstd * (g - g.mean(axis=0) - xh * (g * xh).mean(axis=0))
    return dx, (dy * xh).sum(axis=0), dy.sum(axis=0)
