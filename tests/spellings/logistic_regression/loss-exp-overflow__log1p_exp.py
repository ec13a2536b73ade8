import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z)))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    N = len(y)
    logits = np.dot(X, w) + b
    softplus = np.log1p(np.exp(logits))
    loss = np.sum(softplus - y * logits) / N + 0.5 * l2 * np.sum(w ** 2)
    p = sigmoid(logits)
    return float(loss), np.dot(X.T, p - y) / N + l2 * w, float(np.sum(p - y) / N)


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        _, gw, gb = logistic_loss_and_grad(w, b, X, y, l2)
        w = w - lr * gw
        b = b - lr * gb
    return w, b
