import numpy as np


def _design(X):
    return np.hstack([np.ones((X.shape[0], 1)), X])


def fit_closed_form(X, y, l2=0.0):
    A = _design(X)
    n, k = A.shape
    theta = np.linalg.solve(A.T @ A / n + l2 * np.eye(k), A.T @ y / n)
    return theta[1:], theta[0]


def fit_gradient_descent(X, y, lr=0.1, n_iter=1000, l2=0.0):
    A = _design(X)
    n = A.shape[0]
    theta = np.zeros(A.shape[1])
    for _ in range(n_iter):
        theta -= lr * (A.T @ (A @ theta - y) / n + l2 * theta)
    return theta[1:], theta[0]
