import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    if training:
        n = len(x)
        mean = x.mean(0)
        var = x.var(0)
        rm = (1 - momentum) * running_mean + momentum * mean
        rv = (1 - momentum) * running_var + momentum * var * n / (n - 1)
    else:
        mean, var = running_mean, running_var
        rm, rv = running_mean.copy(), running_var.copy()
    return (x - mean) / np.sqrt(var + eps) * gamma + beta, rm, rv


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    mean = x.mean(0)
    istd = 1 / np.sqrt(x.var(0) + eps)
    xhat = (x - mean) * istd
    dgamma = np.mean(dy * xhat, axis=0)
    dbeta = np.mean(dy, axis=0)
    g = dy * gamma
    dx = istd * (g - g.mean(0) - xhat * (g * xhat).mean(0))
    return dx, dgamma, dbeta
