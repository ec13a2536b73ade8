import numpy as np


def fit_closed_form(X: np.ndarray, y: np.ndarray, l2: float = 0.0) -> tuple[np.ndarray, float]:
    """The exact minimiser (w, b) of

        (1 / (2N)) * ||X @ w + b - y||^2 + (l2 / 2) * ||w||^2      (the bias b is not penalised)

    X: [N, D] float64     y: [N] float64     l2: >= 0
    return: (w of shape [D], b as a float).
    """
    raise NotImplementedError


def fit_gradient_descent(X: np.ndarray, y: np.ndarray, lr: float = 0.1, n_iter: int = 1000,
                         l2: float = 0.0) -> tuple[np.ndarray, float]:
    """The same minimiser, reached by full-batch gradient descent: n_iter steps of size lr
    (start wherever you like). Returns (w of shape [D], b as a float)."""
    raise NotImplementedError
