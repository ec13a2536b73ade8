import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    n = x.shape[0]
    mean = x.mean(axis=0)
    var = x.var(axis=0)
    if training:
        new_mean = (1 - momentum) * running_mean + momentum * mean
        new_var = (1 - momentum) * running_var + momentum * var * n / (n - 1)
    else:
        new_mean = running_mean.copy()
        new_var = running_var.copy()
    y = gamma * (x - mean) / np.sqrt(var + eps) + beta
    return y, new_mean, new_var


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    mean = x.mean(axis=0)
    std = np.sqrt(x.var(axis=0) + eps)
    xh = (x - mean) / std
    g = gamma * dy
    dx = (g - g.mean(axis=0) - xh * (g * xh).mean(axis=0)) / std
    return dx, (dy * xh).sum(axis=0), dy.sum(axis=0)
