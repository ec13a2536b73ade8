import numpy as np


def fit_closed_form(X: np.ndarray, y: np.ndarray, l2: float = 0.0) -> tuple[np.ndarray, float]:
    """Exact minimiser of (1/2n)||Xw + b - y||^2 + (l2/2)||w||^2 (b not penalised).

    X [N, D], y [N]. Centring X and y removes the bias from the problem: the penalised normal
    equations for w are then (Xc^T Xc + n * l2 * I) w = Xc^T yc, and b puts the fit through the means."""
    n, d = X.shape
    x_mean = X.mean(axis=0)  # [D]
    y_mean = y.mean()
    Xc = X - x_mean  # [N, D]
    yc = y - y_mean  # [N]
    A = Xc.T @ Xc + n * l2 * np.eye(d)  # [D, D]
    w = np.linalg.solve(A, Xc.T @ yc)  # [D]; solve, never inv: cheaper and more accurate
    b = y_mean - x_mean @ w
    return w, float(b)


def fit_gradient_descent(X: np.ndarray, y: np.ndarray, lr: float = 0.1, n_iter: int = 1000,
                         l2: float = 0.0) -> tuple[np.ndarray, float]:
    """Full-batch gradient descent on the same loss from w = 0, b = 0: n_iter steps of size lr."""
    n, d = X.shape
    w = np.zeros(d)  # [D]
    b = 0.0
    for _ in range(n_iter):
        r = X @ w + b - y  # [N] residuals
        dw = X.T @ r / n + l2 * w  # [D] mean over samples, plus the penalty's gradient
        db = np.mean(r)  # the bias is not penalised
        w = w - lr * dw
        b = b - lr * db
    return w, float(b)
