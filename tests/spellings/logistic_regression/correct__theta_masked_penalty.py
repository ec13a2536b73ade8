import numpy as np


def sigmoid(z):
    z = np.asarray(z)
    out = np.empty(z.shape)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    n = X.shape[0]
    Xa = np.column_stack([X, np.ones(n)])
    theta = np.concatenate([w, [b]])
    mask = np.ones_like(theta)
    mask[-1] = 0.0  # no penalty on the intercept
    z = Xa @ theta
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * np.sum(mask * theta ** 2)
    grad = Xa.T @ (sigmoid(z) - y) / n + l2 * mask * theta
    return float(loss), grad[:-1], float(grad[-1])


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iter):
        _, gw, gb = logistic_loss_and_grad(w, b, X, y, l2)
        w, b = w - lr * gw, b - lr * gb
    return w, b
