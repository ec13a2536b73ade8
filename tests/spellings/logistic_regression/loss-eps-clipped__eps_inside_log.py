import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.zeros_like(z)
    m = z >= 0
    out[m] = 1 / (1 + np.exp(-z[m]))
    t = np.exp(z[~m])
    out[~m] = t / (1 + t)
    return out


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    eps = 1e-12
    N = X.shape[0]
    y_hat = sigmoid(X @ w + b)
    ce = -(y * np.log(y_hat + eps) + (1 - y) * np.log(1 - y_hat + eps))
    loss = ce.mean() + 0.5 * l2 * np.sum(np.square(w))
    delta = y_hat - y
    return float(loss), X.T @ delta / N + l2 * w, float(delta.sum() / N)


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        _, dw, db = logistic_loss_and_grad(w, b, X, y, l2)
        w -= lr * dw
        b -= lr * db
    return w, b
