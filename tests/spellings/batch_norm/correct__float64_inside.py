import numpy as np


def _stats(x):
    x64 = x.astype(np.float64)
    return x64.mean(0), x64.var(0)


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    """Everything in float64; the results are handed back in float64 whatever the input dtype."""
    x64 = x.astype(np.float64)
    rm = running_mean.astype(np.float64)
    rv = running_var.astype(np.float64)
    if training:
        mean, var = _stats(x)
        new_rm = rm + momentum * (mean - rm)
        new_rv = rv + momentum * (x64.var(0, ddof=1) - rv)
    else:
        mean, var = rm, rv
        new_rm, new_rv = rm.copy(), rv.copy()
    y = gamma.astype(np.float64) * (x64 - mean) / np.sqrt(var + eps) + beta.astype(np.float64)
    return y, new_rm, new_rv


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    mean, var = _stats(x)
    inv_std = 1 / np.sqrt(var + eps)
    xh = (x.astype(np.float64) - mean) * inv_std
    dy = dy.astype(np.float64)
    g = dy * gamma.astype(np.float64)
    n = x.shape[0]
    dx = inv_std / n * (n * g - g.sum(0) - xh * np.einsum("nc,nc->c", g, xh))
    return dx, np.einsum("nc,nc->c", dy, xh), dy.sum(0)
