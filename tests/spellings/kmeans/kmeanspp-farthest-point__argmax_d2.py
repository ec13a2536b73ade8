import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    n = len(X)
    idx = [int(rng.integers(n))]
    d2 = ((X - X[idx[0]]) ** 2).sum(1)
    for _ in range(k - 1):
        nxt = int(np.argmax(d2))          # the point farthest from every chosen centre
        idx.append(nxt)
        d2 = np.minimum(d2, ((X - X[nxt]) ** 2).sum(1))
    return X[idx]


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else np.array(init, dtype=float)
    for _ in range(n_iter):
        d = ((X[:, None] - C[None]) ** 2).sum(-1)
        lab = d.argmin(1)
        new = C.copy()
        for j in range(k):
            sel = lab == j
            new[j] = X[sel].mean(0) if sel.any() else X[d.min(1).argmax()]
        mv = ((new - C) ** 2).sum()
        C = new
        if mv <= tol:
            break
    return C, ((X[:, None] - C[None]) ** 2).sum(-1).argmin(1)
