import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    n = X.shape[0]
    z = X @ w + b
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * np.dot(w, w)
    r = sigmoid(z) - y
    dw = X.T @ r / n + l2 * w
    db = r.mean()
    return float(loss), dw, float(db)


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        _, dw, db = logistic_loss_and_grad(w, b, X, y, l2)
        w -= lr * dw
        b -= lr * db
    return w, b
