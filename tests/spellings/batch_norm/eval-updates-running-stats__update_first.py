import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    n = x.shape[0]
    mean = x.mean(axis=0)
    var = x.var(axis=0)
    new_mean = (1 - momentum) * running_mean + momentum * mean
    new_var = (1 - momentum) * running_var + momentum * x.var(axis=0, ddof=1) if n > 1 else running_var.copy()
    if training:
        x_hat = (x - mean) / np.sqrt(var + eps)
    else:
        x_hat = (x - running_mean) / np.sqrt(running_var + eps)
    return gamma * x_hat + beta, new_mean, new_var


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    mean = x.mean(axis=0)
    rstd = 1 / np.sqrt(x.var(axis=0) + eps)
    x_hat = (x - mean) * rstd
    g = gamma * dy
    dx = rstd * (g - g.mean(axis=0) - x_hat * (g * x_hat).mean(axis=0))
    return dx, (dy * x_hat).sum(axis=0), dy.sum(axis=0)
