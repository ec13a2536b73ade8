import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z)))


def _softplus(z):
    # log(1 + e^z) without overflow
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    z = np.dot(X, w) + b
    loss = np.mean(_softplus(z) - y * z) + l2 / 2.0 * np.dot(w, w)
    diff = sigmoid(z) - y
    return loss, np.dot(diff, X) / len(y) + l2 * w, np.mean(diff)


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        _, gw, gb = logistic_loss_and_grad(w, b, X, y, l2)
        w = w - lr * gw
        b = b - lr * gb
    return w, b
