import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    N = x.shape[0]
    if not training:
        xh = (x - running_mean) / np.sqrt(running_var + eps)
        return xh * gamma + beta, running_mean.copy(), running_var.copy()
    mu = x.sum(axis=0) / N
    d = x - mu
    var = (d * d).sum(axis=0) / N
    xh = d / np.sqrt(var + eps)
    new_rm = (1 - momentum) * running_mean + momentum * mu
    new_rv = (1 - momentum) * running_var + momentum * (d * d).sum(axis=0) / (N - 1)
    return xh * gamma + beta, new_rm, new_rv


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    N = x.shape[0]
    mu = x.sum(axis=0) / N
    d = x - mu
    s = np.sqrt((d * d).sum(axis=0) / N + eps)
    xh = d / s
    # gradient of y = gamma * xh + beta
    dgamma = dy * xh
    dbeta = dy
    g = dy * gamma
    dx = (g - g.sum(axis=0) / N - xh * (g * xh).sum(axis=0) / N) / s
    return dx, dgamma, dbeta
