import numpy as np


def sigmoid(z):
    z = np.asarray(z)
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    n = len(y)
    probs = sigmoid(X @ w + b)
    pos = y == 1
    # -log p for positives, -log(1 - p) for negatives
    nll = -(np.log(probs[pos]).sum() + np.log(1.0 - probs[~pos]).sum()) / n
    loss = nll + 0.5 * l2 * float(w @ w)
    resid = probs - y
    return loss, X.T @ resid / n + l2 * w, resid.mean()


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        _, dw, db = logistic_loss_and_grad(w, b, X, y, l2)
        w -= lr * dw
        b -= lr * db
    return w, b
