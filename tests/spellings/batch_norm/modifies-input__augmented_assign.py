import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    if training:
        n = x.shape[0]
        mu = x.mean(axis=0)
        var = x.var(axis=0)
        running_mean *= 1 - momentum
        running_mean += momentum * mu
        running_var *= 1 - momentum
        running_var += momentum * var * n / (n - 1)
        x_hat = (x - mu) / np.sqrt(var + eps)
    else:
        x_hat = (x - running_mean) / np.sqrt(running_var + eps)
    return gamma * x_hat + beta, running_mean, running_var


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    mu = x.mean(axis=0)
    rstd = 1 / np.sqrt(x.var(axis=0) + eps)
    x_hat = (x - mu) * rstd
    g = dy * gamma
    dx = rstd * (g - g.mean(axis=0) - x_hat * (g * x_hat).mean(axis=0))
    return dx, (dy * x_hat).sum(axis=0), dy.sum(axis=0)
