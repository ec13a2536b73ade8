import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    if not training:
        xhat = (x - running_mean) / np.sqrt(running_var + eps)
        return gamma * xhat + beta, np.copy(running_mean), np.copy(running_var)
    N = len(x)
    mean = np.sum(x, axis=0) / N
    var = np.sum((x - mean) ** 2, axis=0) / N
    xhat = (x - mean) / np.sqrt(var + eps)
    new_mean = (1 - momentum) * running_mean + momentum * mean
    new_var = (1 - momentum) * running_var + momentum * np.sum((x - mean) ** 2, axis=0) / (N - 1)
    return gamma * xhat + beta, new_mean, new_var


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    N = len(x)
    mean = np.sum(x, axis=0) / N
    var = np.sum((x - mean) ** 2, axis=0) / N
    inv_std = (var + eps) ** -0.5
    xhat = (x - mean) * inv_std
    dbeta = dy.sum(axis=0)
    dgamma = (xhat * dy).sum(axis=0)
    dxhat = dy * gamma
    # y = gamma * xhat + beta, xhat = (x - mean) * inv_std
    dx = dxhat * inv_std
    return dx, dgamma, dbeta
