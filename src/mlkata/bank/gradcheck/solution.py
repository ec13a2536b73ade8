import numpy as np


def numerical_gradient(f, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Central-difference gradient of a scalar f at x; x is restored bit for bit."""
    grad = np.zeros(x.shape)  # same shape as x
    for idx in np.ndindex(x.shape):  # every entry, whatever the shape (a 0-d x has one: ())
        orig = x[idx]
        x[idx] = orig + h
        f_plus = float(f(x))
        x[idx] = orig - h
        f_minus = float(f(x))
        x[idx] = orig  # restore exactly
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a, b, eps: float = 1e-12) -> float:
    """Largest entrywise |a - b| / max(|a| + |b|, eps)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    denom = np.maximum(np.abs(a) + np.abs(b), eps)  # same shape as a; never 0
    return float(np.max(np.abs(a - b) / denom))
