import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.empty_like(x, dtype=np.float64)
    it = np.nditer(x, flags=["multi_index"])
    while not it.finished:
        i = it.multi_index
        xp = x.copy()
        xm = x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (float(f(xp)) - float(f(xm))) / (2 * h)
        it.iternext()
    return grad


def relative_error(a, b, eps=1e-12):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    num = np.abs(a - b)
    den = np.abs(a) + np.abs(b)
    return float(np.max(num / np.where(den > eps, den, eps)))
