import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    N = X.shape[0]
    centers = np.empty((k, X.shape[1]))
    centers[0] = X[rng.integers(N)]
    D2 = ((X - centers[0]) ** 2).sum(axis=1)
    for c in range(1, k):
        cum = np.cumsum(D2)
        i = int(np.searchsorted(cum, rng.random() * cum[-1], side="right"))
        centers[c] = X[i]
        D2 = np.minimum(D2, ((X - X[i]) ** 2).sum(axis=1))
    return centers


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else np.array(init, dtype=float)
    for _ in range(n_iter):
        d = ((X[:, None] - C[None]) ** 2).sum(2)
        lab = d.argmin(1)
        cnt = np.bincount(lab, minlength=k)
        new = np.zeros_like(C)
        np.add.at(new, lab, X)
        ok = cnt > 0
        new[ok] /= cnt[ok, None]
        new[~ok] = X[np.argsort(-d.min(1))[: (~ok).sum()]]
        s = ((new - C) ** 2).sum()
        C = new
        if s <= tol:
            break
    return C, ((X[:, None] - C[None]) ** 2).sum(2).argmin(1)
