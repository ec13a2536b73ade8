import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    N = x.shape[0]
    if training:
        m = x.mean(axis=0)
        v = ((x - m) ** 2).mean(axis=0)
        out_m = (1 - momentum) * running_mean + momentum * m
        out_v = (1 - momentum) * running_var + momentum * v * N / (N - 1)
    else:
        m, v = running_mean, running_var
        out_m, out_v = running_mean.copy(), running_var.copy()
    return (x - m) / np.sqrt(v + eps) * gamma + beta, out_m, out_v


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    m = x.mean(axis=0)
    std = np.sqrt(((x - m) ** 2).mean(axis=0) + eps)
    xh = (x - m) / std
    g = dy * gamma
    # the mean is shared by the batch: remove the average gradient
    dx = (g - g.mean(axis=0)) / std
    return dx, (dy * xh).sum(axis=0), dy.sum(axis=0)
