import numpy as np


def fit_closed_form(X, y, l2=0.0):
    N, D = X.shape
    Xb = np.hstack([X, np.ones((N, 1))])
    reg = N * l2 * np.eye(D + 1)
    reg[-1, -1] = 0
    theta = np.linalg.inv(Xb.T @ Xb + reg) @ Xb.T @ y
    return theta[:-1], theta[-1]


def fit_gradient_descent(X, y, lr=0.1, n_iter=1000, l2=0.0):
    X = X.astype(np.float32)
    y = y.astype(np.float32)
    N, D = X.shape
    w = np.zeros(D, dtype=np.float32)
    b = np.float32(0)
    lr, l2 = np.float32(lr), np.float32(l2)
    for _ in range(n_iter):
        err = X @ w + b - y
        w -= lr * (X.T @ err / N + l2 * w)
        b -= lr * err.mean()
    return w, b
