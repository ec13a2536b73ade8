import numpy as np


def _stats(x, eps):
    x64 = x.astype(np.float64)
    mu = x64.mean(-1, keepdims=True)
    sigma = np.sqrt(x64.var(-1, keepdims=True) + eps)
    return x64, mu, sigma


def layer_norm(x, gamma, beta, eps=1e-5):
    x64, mu, sigma = _stats(x, eps)
    out = (x64 - mu) / sigma * gamma.astype(np.float64) + beta.astype(np.float64)
    return out.astype(x.dtype)


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    x64, mu, sigma = _stats(x, eps)
    d = x.shape[-1]
    xh = (x64 - mu) / sigma
    dy64 = dy.astype(np.float64)
    flat_dy = dy64.reshape(-1, d)
    dgamma = (flat_dy * xh.reshape(-1, d)).sum(0)
    dbeta = flat_dy.sum(0)
    dxh = dy64 * gamma.astype(np.float64)
    dx = (d * dxh - dxh.sum(-1, keepdims=True) - xh * (dxh * xh).sum(-1, keepdims=True)) / (d * sigma)
    return dx.astype(x.dtype), dgamma.astype(x.dtype), dbeta.astype(x.dtype)
