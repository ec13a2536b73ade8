import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    if training:
        N = len(x)
        m = np.mean(x, axis=0)
        v = np.mean((x - m) ** 2, axis=0)
        running_mean[:] = (1 - momentum) * running_mean + momentum * m
        running_var[:] = (1 - momentum) * running_var + momentum * v * (N / (N - 1))
        return gamma * (x - m) / np.sqrt(v + eps) + beta, running_mean.copy(), running_var.copy()
    y = gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta
    return y, running_mean.copy(), running_var.copy()


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    N = len(x)
    m = np.mean(x, axis=0)
    s = np.sqrt(np.mean((x - m) ** 2, axis=0) + eps)
    xh = (x - m) / s
    g = dy * gamma
    dx = (N * g - np.sum(g, axis=0) - xh * np.sum(g * xh, axis=0)) / (N * s)
    return dx, np.sum(dy * xh, axis=0), np.sum(dy, axis=0)
