import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    if not training:
        x_hat = (x - running_mean) / np.sqrt(running_var + eps)
        return gamma * x_hat + beta, running_mean.copy(), running_var.copy()
    n = x.shape[0]
    mu = np.sum(x, axis=0) / n
    xc = x - mu
    var = np.sum(xc * xc, axis=0) / n
    x_hat = xc / np.sqrt(var + eps)
    out = gamma * x_hat + beta
    rm = (1.0 - momentum) * running_mean + momentum * mu
    rv = (1.0 - momentum) * running_var + momentum * (np.sum(xc * xc, axis=0) / (n - 1))
    return out, rm, rv


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    # the computational graph of the forward pass, one node at a time
    n = x.shape[0]
    mu = np.sum(x, axis=0) / n
    xc = x - mu
    var = np.sum(xc ** 2, axis=0) / n
    std = np.sqrt(var + eps)
    inv = 1.0 / std
    x_hat = xc * inv

    dbeta = np.sum(dy, axis=0)
    dgamma = np.sum(dy * x_hat, axis=0)
    dx_hat = dy * gamma
    dinv = np.sum(dx_hat * xc, axis=0)
    dxc = dx_hat * inv
    dstd = -dinv / std ** 2
    dvar = 0.5 * dstd / std
    dsq = np.ones_like(x) * dvar / n
    dxc = dxc + 2 * xc * dsq
    dmu = -np.sum(dxc, axis=0)
    dx = dxc + np.ones_like(x) * dmu / n
    return dx, dgamma, dbeta
