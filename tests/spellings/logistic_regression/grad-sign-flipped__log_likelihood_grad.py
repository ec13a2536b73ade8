import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z)))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    n = len(y)
    z = np.dot(X, w) + b
    loss = np.sum(np.logaddexp(0, z) - y * z) / n + 0.5 * l2 * np.sum(w ** 2)
    p = sigmoid(z)
    # gradient of the log-likelihood sum_i y log p + (1 - y) log(1 - p)
    grad_ll_w = np.dot(X.T, y - p) / n
    grad_ll_b = np.sum(y - p) / n
    return float(loss), grad_ll_w + l2 * w, float(grad_ll_b)


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        _, gw, gb = logistic_loss_and_grad(w, b, X, y, l2)
        w = w - lr * gw
        b = b - lr * gb
    return w, b
