import math

import numpy as np


def _sig(t):
    if t >= 0:
        return 1.0 / (1.0 + math.exp(-t))
    e = math.exp(t)
    return e / (1.0 + e)


def sigmoid(z):
    z = np.asarray(z)
    return np.array([_sig(float(t)) for t in z.ravel()]).reshape(z.shape)


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    n, d = X.shape
    loss, gw, gb = 0.0, np.zeros(d), 0.0
    for xi, yi in zip(X, y):
        zi = float(xi @ w) + b
        loss += max(zi, 0.0) + math.log1p(math.exp(-abs(zi))) - yi * zi
        r = _sig(zi) - yi
        gw += r * xi
        gb += r
    return loss / n + 0.5 * l2 * float(w @ w), gw / n + l2 * w, gb / n


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iter):
        _, gw, gb = logistic_loss_and_grad(w, b, X, y, l2)
        w = w - lr * gw
        b = b - lr * gb
    return w, b
