import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    if training:
        n = x.shape[0]
        mean, var = x.mean(0), x.var(0)
        rm = (1 - momentum) * running_mean + momentum * mean
        rv = (1 - momentum) * running_var + momentum * var * n / (n - 1)
    else:
        mean, var = running_mean, running_var
        rm, rv = running_mean.copy(), running_var.copy()
    std = np.sqrt(var)
    return gamma * (x - mean) / (std + eps) + beta, rm, rv


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    mean = x.mean(0)
    std = np.sqrt(x.var(0))
    xh = (x - mean) / (std + eps)
    g = dy * gamma
    dx = (g - g.mean(0) - xh * (g * xh).mean(0)) / (std + eps)
    return dx, (dy * xh).sum(0), dy.sum(0)
