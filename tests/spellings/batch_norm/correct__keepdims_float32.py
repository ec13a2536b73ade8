import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    # stays in x's dtype: float32 in, float32 arithmetic
    dt = x.dtype
    m = np.asarray(momentum, dtype=dt)
    if training:
        n = x.shape[0]
        mu = np.mean(x, axis=0, keepdims=True)
        sigma2 = np.mean(np.square(x - mu), axis=0, keepdims=True)
        bessel = np.asarray(n / (n - 1), dtype=dt)
        new_mean = (1 - m) * running_mean + m * mu[0]
        new_var = (1 - m) * running_var + m * sigma2[0] * bessel
    else:
        mu = running_mean[None, :]
        sigma2 = running_var[None, :]
        new_mean, new_var = running_mean + 0, running_var + 0
    xn = (x - mu) * (1 / np.sqrt(sigma2 + np.asarray(eps, dtype=dt)))
    return xn * gamma[None, :] + beta[None, :], new_mean, new_var


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    n = x.shape[0]
    mu = np.mean(x, axis=0, keepdims=True)
    sigma2 = np.mean(np.square(x - mu), axis=0, keepdims=True)
    istd = 1 / np.sqrt(sigma2 + np.asarray(eps, dtype=x.dtype))
    xn = (x - mu) * istd
    dxn = dy * gamma
    dvar = np.sum(dxn * (x - mu), axis=0, keepdims=True) * -0.5 * istd ** 3
    dmu = -np.sum(dxn * istd, axis=0, keepdims=True) - 2 * dvar * np.mean(x - mu, axis=0, keepdims=True)
    dx = dxn * istd + dvar * 2 * (x - mu) / n + dmu / n
    return dx, np.sum(dy * xn, axis=0), np.sum(dy, axis=0)
