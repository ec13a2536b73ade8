import numpy as np


def numerical_gradient(f, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Numerical gradient of a scalar function by central differences.

    f:      called as f(x); returns a float, an np.float64 or a 0-d array.
    x:      float64 array of any shape (0-d and non-contiguous views included). You may change its
            entries while you work, but on return it must hold exactly the bits it held before.
    h:      the step.
    return: float64 array of x's shape: entry i is (f(x + h e_i) - f(x - h e_i)) / (2 h).
    """
    raise NotImplementedError


def relative_error(a, b, eps: float = 1e-12) -> float:
    """Largest entrywise relative error between two gradients.

    a, b:   arrays of the same shape, or scalars.
    return: a Python float, max over entries of |a - b| / max(|a| + |b|, eps).
    """
    raise NotImplementedError
