import numpy as np


def sigmoid(z):
    return 0.5 * (1 + np.tanh(z / 2))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    n = len(y)
    lam = l2 / n  # regularisation per sample
    z = X @ w + b
    loss = np.mean(np.logaddexp(0, z) - y * z) + lam / 2 * (w @ w)
    p = sigmoid(z)
    dw = X.T @ (p - y) / n + lam * w
    db = np.mean(p - y)
    return float(loss), dw, float(db)


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        _, dw, db = logistic_loss_and_grad(w, b, X, y, l2)
        w -= lr * dw
        b -= lr * db
    return w, b
