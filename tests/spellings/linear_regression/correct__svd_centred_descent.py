import numpy as np


def fit_closed_form(X, y, l2=0.0):
    """Ridge through the SVD of the centred design: w = V diag(s / (s^2 + n l2)) U^T yc."""
    n = X.shape[0]
    xm = np.mean(X, axis=0)
    ym = np.mean(y)
    U, s, Vt = np.linalg.svd(X - xm, full_matrices=False)
    keep = s > s[0] * 1e-12 if l2 == 0 else np.ones_like(s, dtype=bool)
    filt = np.where(keep, s / (s ** 2 + n * l2 + ~keep), 0.0)
    w = Vt.T @ (filt * (U.T @ (y - ym)))
    return w, float(ym - xm @ w)


def fit_gradient_descent(X, y, lr=0.1, n_iter=1000, l2=0.0):
    # descend on the centred problem (the bias drops out), then recover b; stop once converged
    xm, ym = X.mean(axis=0), y.mean()
    Xc, yc = X - xm, y - ym
    n = len(y)
    w = np.zeros(X.shape[1])
    for _ in range(n_iter):
        g = np.einsum("nd,n->d", Xc, Xc @ w - yc) / n + l2 * w
        if np.linalg.norm(g) < 1e-14:
            break
        w -= lr * g
    return w, ym - xm @ w
