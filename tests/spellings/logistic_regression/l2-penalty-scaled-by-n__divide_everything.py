import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    n = X.shape[0]
    z = X @ w + b
    # total cost over the batch, then normalised by the batch size
    cost = np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * np.dot(w, w)
    err = sigmoid(z) - y
    dw = (X.T @ err + l2 * w) / n
    db = np.sum(err) / n
    return float(cost / n), dw, float(db)


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        _, dw, db = logistic_loss_and_grad(w, b, X, y, l2)
        w = w - lr * dw
        b = b - lr * db
    return w, b
