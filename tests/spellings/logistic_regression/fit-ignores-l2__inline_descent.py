import numpy as np


def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    n = X.shape[0]
    z = X @ w + b
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * np.sum(w * w)
    r = sigmoid(z) - y
    return float(loss), X.T @ r / n + l2 * w, float(r.mean())


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(n_iter):
        p = sigmoid(X @ w + b)
        w = w - lr * (X.T @ (p - y)) / n
        b = b - lr * np.mean(p - y)
    return w, b
