import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function 1 / (1 + exp(-z)), elementwise.

    z:      array of any shape, float64 or float32, with |z| up to 1e4.
    return: array of the same shape, values in [0, 1]. No floating-point warning
            (overflow, divide-by-zero, invalid) may be emitted for any such z.
    """
    raise NotImplementedError


def logistic_loss_and_grad(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray,
                           l2: float = 0.0) -> tuple[float, np.ndarray, float]:
    """Regularised logistic loss and its gradient.

    w:  [D] weights          b: scalar bias
    X:  [N, D] features      y: [N] labels, 0 or 1 (float64 or int64)
    l2: penalty strength >= 0; the bias is not penalised.

    loss = mean_i BCE(sigmoid(X[i] @ w + b), y[i]) + (l2 / 2) * ||w||^2
    return: (loss as a float, dloss/dw of shape [D], dloss/db as a float).
    The loss must be finite and exact even for logits as large as |z| = 1000.
    """
    raise NotImplementedError


def fit_logistic_regression(X: np.ndarray, y: np.ndarray, lr: float = 0.1, n_iter: int = 1000,
                            l2: float = 0.0) -> tuple[np.ndarray, float]:
    """Fit w [D] and b by minimising the loss above (full-batch gradient descent from zeros:
    n_iter steps of size lr). Returns (w, b) within 1e-4 of the exact minimiser."""
    raise NotImplementedError
