import numpy as np


def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    # fold the bias into theta with a column of ones
    n = X.shape[0]
    Xb = np.hstack([X, np.ones((n, 1))])
    theta = np.append(w, b)
    z = Xb @ theta
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * theta @ theta
    grad = Xb.T @ (sigmoid(z) - y) / n + l2 * theta
    return float(loss), grad[:-1], float(grad[-1])


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        _, gw, gb = logistic_loss_and_grad(w, b, X, y, l2)
        w -= lr * gw
        b -= lr * gb
    return w, b
