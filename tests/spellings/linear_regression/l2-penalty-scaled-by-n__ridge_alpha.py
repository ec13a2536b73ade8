import numpy as np


def fit_closed_form(X, y, l2=0.0):
    mx, my = X.mean(axis=0), y.mean()
    Xc = X - mx
    w = np.linalg.solve(Xc.T @ Xc + l2 * np.eye(X.shape[1]), Xc.T @ (y - my))
    return w, my - mx @ w


def fit_gradient_descent(X, y, lr=0.1, n_iter=1000, l2=0.0):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(n_iter):
        r = X @ w + b - y
        w -= lr * (X.T @ r + l2 * w) / n
        b -= lr * r.mean()
    return w, b
