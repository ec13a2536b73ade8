import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    if training:
        n = x.shape[0]
        mu = x.mean(axis=0)
        var = x.var(axis=0)
        rm = (1 - momentum) * running_mean + momentum * mu
        rv = (1 - momentum) * running_var + momentum * var * n / (n - 1)
    else:
        mu, var, rm, rv = running_mean, running_var, running_mean.copy(), running_var.copy()
    return gamma * (x - mu) / np.sqrt(var + eps) + beta, rm, rv


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    mu = x.mean(axis=0)
    std = np.sqrt(x.var(axis=0) + eps)
    x_hat = (x - mu) / std
    dgamma = np.sum(dy * x_hat, axis=0)
    dbeta = np.sum(dy, axis=0)
    dx = dy * gamma / std
    return dx, dgamma, dbeta
