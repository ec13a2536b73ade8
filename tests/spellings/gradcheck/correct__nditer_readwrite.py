import numpy as np


def numerical_gradient(f, x, h=1e-5):
    """Central differences, perturbing x in place through a read-write iterator."""
    grad = np.zeros_like(x, dtype=np.float64)
    with np.nditer(x, flags=["multi_index"], op_flags=["readwrite"]) as it:
        for entry in it:
            old = entry.copy()
            entry[...] = old + h
            fp = f(x)
            entry[...] = old - h
            fm = f(x)
            entry[...] = old
            grad[it.multi_index] = (fp - fm) / (2 * h)
    return grad


def relative_error(a, b, eps=1e-12):
    a = np.array(a, dtype=np.float64, ndmin=1)
    b = np.array(b, dtype=np.float64, ndmin=1)
    rel = np.abs(a - b) / np.clip(np.abs(a) + np.abs(b), eps, None)
    return float(rel.max())
