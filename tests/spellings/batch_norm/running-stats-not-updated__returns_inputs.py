import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    if training:
        mu = x.mean(axis=0)
        var = x.var(axis=0)
    else:
        mu = running_mean
        var = running_var
    y = gamma * (x - mu) / np.sqrt(var + eps) + beta
    return y, running_mean.copy(), running_var.copy()


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    mu = x.mean(axis=0)
    rstd = 1.0 / np.sqrt(x.var(axis=0) + eps)
    xh = (x - mu) * rstd
    g = dy * gamma
    dx = rstd * (g - g.mean(axis=0) - xh * (g * xh).mean(axis=0))
    return dx, (dy * xh).sum(axis=0), (dy).sum(axis=0)
