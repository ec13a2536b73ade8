import numpy as np


def _cholesky_solve(A, rhs):
    # A = L L^T by hand, then two triangular solves
    m = A.shape[0]
    L = np.zeros_like(A)
    for i in range(m):
        for j in range(i + 1):
            s = A[i, j] - L[i, :j] @ L[j, :j]
            L[i, j] = np.sqrt(s) if i == j else s / L[j, j]
    z = np.zeros(m)
    for i in range(m):
        z[i] = (rhs[i] - L[i, :i] @ z[:i]) / L[i, i]
    x = np.zeros(m)
    for i in reversed(range(m)):
        x[i] = (z[i] - L[i + 1:, i] @ x[i + 1:]) / L[i, i]
    return x


def fit_closed_form(X, y, l2=0.0):
    n = len(y)
    mu, ybar = X.mean(0), y.mean()
    Z = X - mu
    w = _cholesky_solve(Z.T @ Z + n * l2 * np.eye(X.shape[1]), Z.T @ (y - ybar))
    return w, ybar - mu.dot(w)


def fit_gradient_descent(X, y, lr=0.1, n_iter=1000, l2=0.0):
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(n_iter):
        resid = X.dot(w) + b - y
        grad = np.empty(d)
        for j in range(d):  # one feature at a time
            grad[j] = np.mean(resid * X[:, j]) + l2 * w[j]
        w = w - lr * grad
        b = b - lr * resid.mean()
    return w, b
