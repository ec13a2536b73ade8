import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(-z)) elementwise, for any finite z, without overflow."""
    z = np.asarray(z)
    e = np.exp(-np.abs(z))  # in (0, 1]: the exponent is never positive, so it cannot overflow
    # z >= 0: 1 / (1 + e^-z);  z < 0: e^z / (1 + e^z), the same value multiplied by e^z / e^z
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def logistic_loss_and_grad(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray,
                           l2: float = 0.0) -> tuple[float, np.ndarray, float]:
    """Mean binary cross-entropy of sigmoid(X @ w + b) against y, plus (l2 / 2) * ||w||^2.

    w [D], b scalar, X [N, D], y [N] of 0s and 1s. Returns (loss, dloss/dw [D], dloss/db)."""
    n = X.shape[0]
    z = X @ w + b  # [N] logits
    # -[y log p + (1 - y) log(1 - p)] with p = sigmoid(z) equals log(1 + e^z) - y z:
    # logaddexp(0, z) evaluates log(1 + e^z) without overflow, and no log ever sees a 0
    data_loss = np.mean(np.logaddexp(0.0, z) - y * z)
    loss = data_loss + 0.5 * l2 * np.dot(w, w)  # the bias is not regularised
    err = sigmoid(z) - y  # [N] d(per-sample loss) / dz
    dw = X.T @ err / n + l2 * w  # [D] mean over samples, plus the penalty's gradient
    db = np.mean(err)  # scalar
    return float(loss), dw, float(db)


def fit_logistic_regression(X: np.ndarray, y: np.ndarray, lr: float = 0.1, n_iter: int = 1000,
                            l2: float = 0.0) -> tuple[np.ndarray, float]:
    """Full-batch gradient descent from w = 0, b = 0: n_iter steps of size lr. Returns (w [D], b)."""
    w = np.zeros(X.shape[1])  # [D]
    b = 0.0
    for _ in range(n_iter):
        _, dw, db = logistic_loss_and_grad(w, b, X, y, l2)
        w = w - lr * dw
        b = b - lr * db
    return w, b
