import numpy as np


def _lerp(old, new, w):
    return old + w * (new - old)


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    if not training:
        z = (x - running_mean) / np.sqrt(running_var + eps)
        return z * gamma + beta, running_mean.copy(), running_var.copy()
    mu = x.mean(0)
    var = x.var(0)
    z = (x - mu) / np.sqrt(var + eps)
    # keep `momentum` of the old value
    rm = _lerp(running_mean, mu, 1 - momentum)
    rv = _lerp(running_var, x.var(0, ddof=1), 1 - momentum)
    return z * gamma + beta, rm, rv


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    mu = x.mean(0)
    r = 1 / np.sqrt(x.var(0) + eps)
    z = (x - mu) * r
    g = dy * gamma
    dx = r * (g - g.mean(0) - z * (g * z).mean(0))
    return dx, (dy * z).sum(0), dy.sum(0)
