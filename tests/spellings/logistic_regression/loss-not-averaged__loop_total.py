import math

import numpy as np


def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def _softplus(t):
    return max(t, 0.0) + math.log1p(math.exp(-abs(t)))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    z = X @ w + b
    total = 0.0
    for zi, yi in zip(z, y):
        total += _softplus(float(zi)) - float(yi) * float(zi)
    total += 0.5 * l2 * float(np.dot(w, w))
    p = sigmoid(z)
    return total, X.T @ (p - y) / len(y) + l2 * w, float(np.mean(p - y))


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        _, gw, gb = logistic_loss_and_grad(w, b, X, y, l2)
        w = w - lr * gw
        b = b - lr * gb
    return w, b
