import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    n = len(X)
    idx = [rng.integers(n)]
    d2 = ((X - X[idx[0]]) ** 2).sum(axis=1)
    for _ in range(k - 1):
        if d2.sum() > 0:
            nxt = rng.choice(n, p=d2 / d2.sum())
        else:
            nxt = rng.integers(n)
        idx.append(nxt)
        d2 = np.minimum(d2, ((X - X[nxt]) ** 2).sum(axis=1))
    return X[idx].copy()


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else init.astype(float).copy()
    for _ in range(n_iter):
        labels = ((X[:, None] - C[None]) ** 2).sum(-1).argmin(1)
        new = np.array([X[labels == j].mean(axis=0) for j in range(k)])
        shift = ((new - C) ** 2).sum()
        C = new
        if shift <= tol:
            break
    labels = ((X[:, None] - C[None]) ** 2).sum(-1).argmin(1)
    return C, labels
