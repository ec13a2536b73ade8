import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    N = x.shape[0]
    if training:
        mu = np.mean(x, axis=0)
        sigma = np.std(x, axis=0)
        new_mean = (1 - momentum) * running_mean + momentum * mu
        new_var = (1 - momentum) * running_var + momentum * sigma ** 2 * N / (N - 1)
    else:
        mu, sigma = running_mean, np.sqrt(running_var)
        new_mean, new_var = running_mean.copy(), running_var.copy()
    y = gamma * ((x - mu) / (sigma + eps)) + beta
    return y, new_mean, new_var


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    N = x.shape[0]
    mu = np.mean(x, axis=0)
    var = np.var(x, axis=0)
    istd = 1 / np.sqrt(var + eps)
    xh = (x - mu) * istd
    dxh = dy * gamma
    dx = istd / N * (N * dxh - dxh.sum(axis=0) - xh * (dxh * xh).sum(axis=0))
    return dx, (dy * xh).sum(axis=0), dy.sum(axis=0)
