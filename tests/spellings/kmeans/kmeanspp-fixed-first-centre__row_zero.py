import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    n = len(X)
    centers = [X[0]]
    d2 = ((X - X[0]) ** 2).sum(axis=1)
    for _ in range(1, k):
        i = rng.choice(n, p=d2 / d2.sum()) if d2.sum() > 0 else rng.integers(n)
        centers.append(X[i])
        d2 = np.minimum(d2, ((X - X[i]) ** 2).sum(axis=1))
    return np.array(centers)


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else np.array(init, dtype=float)
    for _ in range(n_iter):
        d = ((X[:, None, :] - C[None]) ** 2).sum(-1)
        lab = d.argmin(1)
        new = np.array([X[lab == j].mean(0) if (lab == j).any() else X[d.min(1).argmax()] for j in range(k)])
        sh = ((new - C) ** 2).sum()
        C = new
        if sh <= tol:
            break
    return C, ((X[:, None, :] - C[None]) ** 2).sum(-1).argmin(1)
