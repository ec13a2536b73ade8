import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    n = len(y)
    z = X @ w + b
    bce = np.mean(np.logaddexp(0.0, z) - y * z)
    reg = 0.5 * l2 * (np.sum(w ** 2) + b ** 2)
    g = sigmoid(z) - y
    dw = X.T @ g / n + l2 * w
    db = g.mean() + l2 * b
    return float(bce + reg), dw, float(db)


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iter):
        _, dw, db = logistic_loss_and_grad(w, b, X, y, l2)
        w = w - lr * dw
        b = b - lr * db
    return w, b
