import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    ez = np.exp(z)
    return ez / (1.0 + ez)


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    N = len(X)
    z = X @ w + b
    data = np.sum(np.logaddexp(0, z) - y * z) / N
    p = sigmoid(z)
    dw = (X.T @ (p - y)) / N + l2 * w
    db = np.sum(p - y) / N
    return float(data + 0.5 * l2 * (w @ w)), dw, float(db)


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        _, dw, db = logistic_loss_and_grad(w, b, X, y, l2=l2)
        w, b = w - lr * dw, b - lr * db
    return w, b
