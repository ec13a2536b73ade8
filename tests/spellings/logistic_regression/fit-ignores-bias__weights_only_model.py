import numpy as np


def sigmoid(z):
    z = np.asarray(z)
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    n = X.shape[0]
    z = X @ w + b
    loss = np.mean(np.logaddexp(0, z) - y * z) + 0.5 * l2 * np.dot(w, w)
    e = sigmoid(z) - y
    return float(loss), X.T @ e / n + l2 * w, float(e.mean())


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    # gradient descent on the weights
    w = np.zeros(X.shape[1])
    for _ in range(n_iter):
        p = sigmoid(X @ w)
        w -= lr * (X.T @ (p - y) / len(y) + l2 * w)
    return w, 0.0
