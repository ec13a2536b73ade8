import numpy as np


def fit_closed_form(X, y, l2=0.0):
    N, D = X.shape
    A = np.c_[np.ones(N), X]
    R = 2 * N * l2 * np.eye(D + 1)
    R[0, 0] = 0.0
    coef = np.linalg.solve(A.T @ A + R, A.T @ y)
    return coef[1:], coef[0]


def fit_gradient_descent(X, y, lr=0.1, n_iter=1000, l2=0.0):
    N, D = X.shape
    A = np.c_[np.ones(N), X]
    R = 2 * l2 * np.eye(D + 1)
    R[0, 0] = 0.0
    coef = np.zeros(D + 1)
    for _ in range(n_iter):
        coef = coef - lr * (A.T @ (A @ coef - y) / N + R @ coef)
    return coef[1:], coef[0]
