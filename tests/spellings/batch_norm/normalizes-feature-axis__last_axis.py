import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    if training:
        mean = np.mean(x, axis=-1)
        var = np.mean((x - mean) ** 2, axis=-1)
        N = x.shape[0]
        running_mean = (1 - momentum) * running_mean + momentum * mean
        running_var = (1 - momentum) * running_var + momentum * var * N / (N - 1)
        x_hat = (x - mean) / np.sqrt(var + eps)
    else:
        x_hat = (x - running_mean) / np.sqrt(running_var + eps)
        running_mean, running_var = running_mean.copy(), running_var.copy()
    return x_hat * gamma + beta, running_mean, running_var


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    mean = np.mean(x, axis=-1)
    var = np.mean((x - mean) ** 2, axis=-1)
    std = np.sqrt(var + eps)
    x_hat = (x - mean) / std
    g = dy * gamma
    dx = (g - np.mean(g, axis=-1) - x_hat * np.mean(g * x_hat, axis=-1)) / std
    return dx, np.sum(dy * x_hat, axis=0), np.sum(dy, axis=0)
