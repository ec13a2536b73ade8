import numpy as np


def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def logistic_loss_and_grad(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray, l2: float = 0.0):
    N = X.shape[0]
    z = np.einsum("nd,d->n", X, w) + b
    data_term = np.logaddexp(0.0, z).mean() - (y * z).mean()
    penalty = 0.5 * l2 * np.einsum("d,d->", w, w)
    p = sigmoid(z)
    grad_w = np.einsum("nd,n->d", X, p - y) / N
    grad_b = (p - y).mean()
    return float(data_term + penalty), grad_w, float(grad_b)


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        _, gw, gb = logistic_loss_and_grad(w, b, X, y, l2)
        w, b = w - lr * gw, b - lr * gb
    return w, b
