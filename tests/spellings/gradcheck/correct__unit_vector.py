import itertools

import numpy as np


def numerical_gradient(f, x, h=1e-5):
    out = np.zeros(x.shape, dtype=np.float64)
    for index in itertools.product(*(range(n) for n in x.shape)):
        e = np.zeros(x.shape)
        e[index] = 1.0
        out[index] = (f(x + h * e) - f(x - h * e)) / (2 * h)
    return out


def relative_error(a, b, eps=1e-12):
    a, b = np.atleast_1d(a), np.atleast_1d(b)
    worst = 0.0
    for u, v in zip(a.ravel(), b.ravel()):
        worst = max(worst, abs(u - v) / max(abs(u) + abs(v), eps))
    return float(worst)
