import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    return np.exp(-np.logaddexp(0.0, -z))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    n = X.shape[0]
    z = X @ w + b
    loss = np.logaddexp(0.0, z).mean() - (y * z).mean() + 0.5 * l2 * (w @ w)
    r = sigmoid(z) - y
    return float(loss), X.T @ r / n + l2 * w, float(r.mean())


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    """Newton's method on (w, b): a handful of steps reach the minimiser."""
    n, d = X.shape
    Xb = np.hstack([X, np.ones((n, 1))])
    theta = np.zeros(d + 1)
    reg = np.full(d + 1, l2)
    reg[-1] = 0.0  # the bias is not penalised
    for _ in range(50):
        p = sigmoid(Xb @ theta)
        grad = Xb.T @ (p - y) / n + reg * theta
        hess = (Xb * (p * (1 - p))[:, None]).T @ Xb / n + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        theta -= step
        if np.max(np.abs(step)) < 1e-12:
            break
    return theta[:-1], float(theta[-1])
