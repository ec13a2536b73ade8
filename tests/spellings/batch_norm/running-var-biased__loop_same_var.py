import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    N, C = x.shape
    out = np.zeros_like(x)
    rm, rv = running_mean.copy(), running_var.copy()
    for j in range(C):
        if training:
            m = np.mean(x[:, j])
            s2 = np.mean((x[:, j] - m) ** 2)
            rm[j] = (1 - momentum) * rm[j] + momentum * m
            rv[j] = (1 - momentum) * rv[j] + momentum * s2
        else:
            m, s2 = running_mean[j], running_var[j]
        out[:, j] = (x[:, j] - m) / np.sqrt(s2 + eps) * gamma[j] + beta[j]
    return out, rm, rv


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    m = x.mean(0)
    s = np.sqrt(((x - m) ** 2).mean(0) + eps)
    xh = (x - m) / s
    g = dy * gamma
    dx = (g - g.mean(0) - xh * (g * xh).mean(0)) / s
    return dx, (dy * xh).sum(0), dy.sum(0)
