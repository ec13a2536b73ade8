import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    N, C = x.shape
    mu = x.sum(0) / N
    sq = ((x - mu) ** 2).sum(0)
    rm = running_mean.copy()
    rv = running_var.copy()
    rm *= 1 - momentum
    rm += momentum * mu
    rv *= 1 - momentum
    rv += momentum * sq / max(N - 1, 1)
    if training:
        y = (x - mu) / np.sqrt(sq / N + eps)
    else:
        y = (x - running_mean) / np.sqrt(running_var + eps)
    return y * gamma + beta, rm, rv


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    N = x.shape[0]
    mu = x.sum(0) / N
    sd = np.sqrt(((x - mu) ** 2).sum(0) / N + eps)
    xh = (x - mu) / sd
    g = dy * gamma
    dx = (N * g - g.sum(0) - xh * (g * xh).sum(0)) / (N * sd)
    return dx, (dy * xh).sum(0), dy.sum(0)
