import numpy as np


def sigmoid(z):
    # pick the stable formula for each sign
    pos = 1 / (1 + np.exp(-z))
    neg = np.exp(z) / (1 + np.exp(z))
    return np.where(z >= 0, pos, neg)


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    logits = X.dot(w) + b
    nll = np.maximum(logits, 0) + np.log1p(np.exp(-np.abs(logits))) - y * logits
    loss = nll.mean() + l2 / 2 * np.sum(w ** 2)
    diff = sigmoid(logits) - y
    grad_w = X.T.dot(diff) / len(y) + l2 * w
    grad_b = np.mean(diff)
    return loss, grad_w, grad_b


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iter):
        _, gw, gb = logistic_loss_and_grad(w, b, X, y, l2)
        w = w - lr * gw
        b = b - lr * gb
    return w, b
