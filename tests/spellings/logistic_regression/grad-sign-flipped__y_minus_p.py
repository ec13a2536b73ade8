import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    n = X.shape[0]
    z = X @ w + b
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * w @ w
    err = y - sigmoid(z)
    dw = X.T @ err / n + l2 * w
    db = np.mean(err)
    return float(loss), dw, float(db)


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        _, dw, db = logistic_loss_and_grad(w, b, X, y, l2)
        w = w - lr * dw
        b = b - lr * db
    return w, b
