import numpy as np


def fit_closed_form(X, y, l2=0.0):
    n, d = X.shape
    x_bar, y_bar = X.mean(axis=0), y.mean()
    Xc, yc = X - x_bar, y - y_bar
    # gradient of l2 * ||w||^2 is 2 * l2 * w
    w = np.linalg.solve(Xc.T @ Xc / n + 2 * l2 * np.eye(d), Xc.T @ yc / n)
    return w, y_bar - x_bar @ w


def fit_gradient_descent(X, y, lr=0.1, n_iter=1000, l2=0.0):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(n_iter):
        r = X @ w + b - y
        w = w - lr * (X.T @ r / n + 2 * l2 * w)
        b = b - lr * np.mean(r)
    return w, b
