import numpy as np


def numerical_gradient(f, x, h=1e-5):
    fx = float(f(x))
    grad = np.zeros_like(x, dtype=float)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        keep = x[i]
        x[i] = keep + h
        grad[i] = (float(f(x)) - fx) / h
        x[i] = keep
    return grad


def relative_error(a, b, eps=1e-12):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    denom = np.maximum(np.abs(a) + np.abs(b), eps)
    return float((np.abs(a - b) / denom).max())
