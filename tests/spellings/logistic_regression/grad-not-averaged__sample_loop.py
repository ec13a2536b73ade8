import math

import numpy as np


def sigmoid(z):
    z = np.asarray(z)
    out = np.empty(z.shape, dtype=np.float64)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    n, d = X.shape
    loss = 0.0
    gw = np.zeros(d)
    gb = 0.0
    for i in range(n):
        zi = float(X[i] @ w + b)
        loss += max(zi, 0.0) + math.log1p(math.exp(-abs(zi))) - y[i] * zi
        pi = float(sigmoid(np.array([zi]))[0])
        gw += (pi - y[i]) * X[i]
        gb += pi - y[i]
    loss = loss / n + 0.5 * l2 * float(w @ w)
    return loss, gw + l2 * w, gb


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        _, gw, gb = logistic_loss_and_grad(w, b, X, y, l2)
        w = w - lr * gw
        b = b - lr * gb
    return w, b
