import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for k in range(x.size):
        x.flat[k] += h
        f_plus = f(x)
        x.flat[k] -= 2 * h
        f_minus = f(x)
        x.flat[k] += h  # back to where it was
        grad.flat[k] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a, b, eps=1e-12):
    diff = np.abs(np.asarray(a, dtype=float) - np.asarray(b, dtype=float))
    return float(np.max(diff / np.maximum(np.abs(a) + np.abs(b), eps)))
