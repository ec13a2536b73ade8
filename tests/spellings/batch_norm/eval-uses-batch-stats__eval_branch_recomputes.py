import numpy as np


def _normalize(x, mean, var, eps):
    return (x - mean) / np.sqrt(var + eps)


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    if training:
        m = np.mean(x, axis=0)
        v = np.mean((x - m) ** 2, axis=0)
        n = len(x)
        rm = (1 - momentum) * running_mean + momentum * m
        rv = (1 - momentum) * running_var + momentum * v * (n / (n - 1))
        return gamma * _normalize(x, m, v, eps) + beta, rm, rv
    # inference
    m = np.mean(x, axis=0)
    v = np.mean((x - m) ** 2, axis=0)
    return gamma * _normalize(x, m, v, eps) + beta, np.array(running_mean), np.array(running_var)


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    n = len(x)
    m = np.mean(x, axis=0)
    v = np.mean((x - m) ** 2, axis=0)
    xh = _normalize(x, m, v, eps)
    dxh = dy * gamma
    dv = np.sum(dxh * (x - m), axis=0) * -0.5 * (v + eps) ** -1.5
    dm = -np.sum(dxh, axis=0) / np.sqrt(v + eps)
    dx = dxh / np.sqrt(v + eps) + dv * 2 * (x - m) / n + dm / n
    return dx, np.sum(dy * xh, axis=0), np.sum(dy, axis=0)
