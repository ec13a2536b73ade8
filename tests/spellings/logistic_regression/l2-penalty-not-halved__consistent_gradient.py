import numpy as np


def sigmoid(z):
    z = np.asarray(z)
    return np.exp(np.minimum(z, 0)) / (1 + np.exp(-np.abs(z)))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    m = len(y)
    z = X.dot(w) + b
    reg = l2 * w.dot(w)  # ridge penalty
    loss = np.sum(np.logaddexp(0, z) - y * z) / m + reg
    p = sigmoid(z)
    dw = X.T.dot(p - y) / m + 2 * l2 * w
    db = np.sum(p - y) / m
    return loss, dw, db


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        _, dw, db = logistic_loss_and_grad(w, b, X, y, l2)
        w = w - lr * dw
        b = b - lr * db
    return w, b
