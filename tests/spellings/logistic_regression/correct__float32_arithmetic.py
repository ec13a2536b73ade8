import numpy as np

f32 = np.float32


def sigmoid(z):
    z = np.asarray(z, dtype=f32)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, f32(1) / (f32(1) + e), e / (f32(1) + e))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    # everything in single precision
    X = X.astype(f32)
    w = np.asarray(w, dtype=f32)
    y = y.astype(f32)
    lam = f32(l2)
    z = X @ w + f32(b)
    loss = np.mean(np.logaddexp(f32(0), z) - y * z) + f32(0.5) * lam * (w @ w)
    err = sigmoid(z) - y
    dw = X.T @ err / f32(len(y)) + lam * w
    return float(loss), dw, float(err.mean())


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1], dtype=f32)
    b = 0.0
    for _ in range(n_iter):
        _, dw, db = logistic_loss_and_grad(w, b, X, y, l2)
        w = w - f32(lr) * dw
        b = b - lr * db
    return w, b
