import numpy as np


class _Cache:
    def __init__(self, x, eps):
        self.n = x.shape[0]
        self.mean = x.mean(axis=0)
        self.centered = x - self.mean
        self.var = (self.centered ** 2).sum(axis=0) / self.n
        self.inv_std = (self.var + eps) ** -0.5
        self.x_hat = self.centered * self.inv_std


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    if training:
        c = _Cache(x, eps)
        new_mean = momentum * c.mean + (1 - momentum) * running_mean
        new_var = momentum * c.var * (c.n / (c.n - 1)) + (1 - momentum) * running_var
        return c.x_hat * gamma + beta, new_mean, new_var
    y = (x - running_mean) * (running_var + eps) ** -0.5 * gamma + beta
    return y, np.copy(running_mean), np.copy(running_var)


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    c = _Cache(x, eps)
    dxh = dy * gamma
    proj = (dxh * c.x_hat).mean(axis=0)
    dx = (dxh - dxh.mean(axis=0) - c.x_hat * proj) * c.inv_std
    return dx, (dy * c.x_hat).sum(axis=0), dy.sum(axis=0)
