import numpy as np


def fit_closed_form(X, y, l2=0.0):
    n, d = X.shape
    xm, ym = X.mean(0), y.mean()
    Xc = X - xm
    w = np.linalg.solve(Xc.T @ Xc + n * l2 * np.eye(d), Xc.T @ (y - ym))
    return w, ym - xm @ w


def fit_gradient_descent(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        residual = X @ w + b - y
        w -= lr * (X.T @ residual + l2 * w)
        b -= lr * residual.sum()
    return w, b
