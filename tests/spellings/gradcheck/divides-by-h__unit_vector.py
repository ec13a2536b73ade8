import numpy as np


def numerical_gradient(f, x, h=1e-5):
    g = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        e = np.zeros(x.shape)
        e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / h
    return g


def relative_error(a, b, eps=1e-12):
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), eps)))
