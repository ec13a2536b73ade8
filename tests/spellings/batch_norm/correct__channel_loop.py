import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    N, C = x.shape
    y = np.empty_like(x)
    new_mean = np.array(running_mean, copy=True)
    new_var = np.array(running_var, copy=True)
    for c in range(C):
        col = x[:, c]
        if training:
            m = col.mean()
            v = ((col - m) ** 2).mean()
            new_mean[c] = (1 - momentum) * running_mean[c] + momentum * m
            new_var[c] = (1 - momentum) * running_var[c] + momentum * v * N / (N - 1)
        else:
            m, v = running_mean[c], running_var[c]
        y[:, c] = gamma[c] * (col - m) / np.sqrt(v + eps) + beta[c]
    return y, new_mean, new_var


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    N, C = x.shape
    dx = np.empty_like(x)
    dgamma = np.empty(C, dtype=x.dtype)
    dbeta = np.empty(C, dtype=x.dtype)
    for c in range(C):
        col, d = x[:, c], dy[:, c]
        m = col.mean()
        s = np.sqrt(((col - m) ** 2).mean() + eps)
        xh = (col - m) / s
        dbeta[c] = d.sum()
        dgamma[c] = (d * xh).sum()
        g = d * gamma[c]
        dx[:, c] = (N * g - g.sum() - xh * (g * xh).sum()) / (N * s)
    return dx, dgamma, dbeta
