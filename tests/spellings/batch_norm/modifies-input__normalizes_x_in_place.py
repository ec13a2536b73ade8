import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    if training:
        n = x.shape[0]
        mu, var = x.mean(axis=0), x.var(axis=0)
        new_mean = (1 - momentum) * running_mean + momentum * mu
        new_var = (1 - momentum) * running_var + momentum * var * n / (n - 1)
    else:
        mu, var = running_mean, running_var
        new_mean, new_var = running_mean.copy(), running_var.copy()
    # normalise without allocating another [N, C] array
    x -= mu
    x /= np.sqrt(var + eps)
    x *= gamma
    x += beta
    return x, new_mean, new_var


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    mu = x.mean(axis=0)
    inv = 1 / np.sqrt(x.var(axis=0) + eps)
    xh = (x - mu) * inv
    g = dy * gamma
    dx = inv * (g - g.mean(axis=0) - xh * (g * xh).mean(axis=0))
    return dx, (dy * xh).sum(axis=0), dy.sum(axis=0)
