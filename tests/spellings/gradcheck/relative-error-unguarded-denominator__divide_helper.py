import numpy as np


def numerical_gradient(f, x, h=1e-5):
    g = np.zeros(x.shape)
    for k in range(x.size):
        saved = x.flat[k]
        x.flat[k] = saved + h
        hi = f(x)
        x.flat[k] = saved - h
        lo = f(x)
        x.flat[k] = saved
        g.flat[k] = (hi - lo) / (2 * h)
    return g


def relative_error(a, b, eps=1e-12):
    top = np.abs(np.subtract(a, b, dtype=float))
    bottom = np.add(np.abs(a), np.abs(b), dtype=float)
    with np.errstate(invalid="ignore"):
        return float(np.amax(np.divide(top, bottom)))
