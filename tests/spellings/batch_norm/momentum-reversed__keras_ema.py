import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    if training:
        n = x.shape[0]
        batch_mean = np.mean(x, axis=0)
        batch_var = np.var(x, axis=0)
        # exponential moving average of the statistics
        new_mean = momentum * running_mean + (1 - momentum) * batch_mean
        new_var = momentum * running_var + (1 - momentum) * batch_var * n / (n - 1)
        x_norm = (x - batch_mean) / np.sqrt(batch_var + eps)
    else:
        new_mean, new_var = running_mean.copy(), running_var.copy()
        x_norm = (x - running_mean) / np.sqrt(running_var + eps)
    return gamma * x_norm + beta, new_mean, new_var


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    n = x.shape[0]
    batch_mean = np.mean(x, axis=0)
    inv = 1.0 / np.sqrt(np.var(x, axis=0) + eps)
    x_norm = (x - batch_mean) * inv
    dxn = dy * gamma
    dx = inv / n * (n * dxn - dxn.sum(axis=0) - x_norm * np.sum(dxn * x_norm, axis=0))
    return dx, np.sum(dy * x_norm, axis=0), np.sum(dy, axis=0)
