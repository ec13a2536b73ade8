import numpy as np


def fit_closed_form(X, y, l2=0.0):
    # ridge as plain least squares: stack sqrt(n * l2) * I under the weight columns,
    # with a zero under the ones column so the intercept stays free
    n, d = X.shape
    A = np.column_stack([np.ones(n), X])
    penalty = np.hstack([np.zeros((d, 1)), np.sqrt(n * l2) * np.eye(d)])
    A_aug = np.vstack([A, penalty])
    y_aug = np.concatenate([y, np.zeros(d)])
    theta, *_ = np.linalg.lstsq(A_aug, y_aug, rcond=None)
    return theta[1:], theta[0]


def fit_gradient_descent(X, y, lr=0.1, n_iter=1000, l2=0.0):
    n, d = X.shape
    A = np.column_stack([np.ones(n), X])
    mask = np.ones(d + 1)
    mask[0] = 0.0
    theta = np.random.default_rng(123).normal(size=d + 1)  # any start will do
    for _ in range(n_iter):
        grad = A.T @ (A @ theta - y) / n + l2 * mask * theta
        theta -= lr * grad
    return theta[1:], theta[0]
