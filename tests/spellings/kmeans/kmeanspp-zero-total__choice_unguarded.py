import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    n = len(X)
    ids = [rng.integers(n)]
    closest = ((X - X[ids[0]]) ** 2).sum(1)
    for _ in range(k - 1):
        ids.append(rng.choice(n, p=closest / closest.sum()))
        closest = np.minimum(closest, ((X - X[ids[-1]]) ** 2).sum(1))
    return X[ids]


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else np.array(init, dtype=float)
    for _ in range(n_iter):
        d = ((X[:, None, :] - C[None, :, :]) ** 2).sum(-1)
        lab = d.argmin(1)
        new = C.copy()
        for j in range(k):
            m = lab == j
            new[j] = X[m].mean(0) if m.any() else X[d.min(1).argmax()]
        sh = ((new - C) ** 2).sum()
        C = new
        if sh <= tol:
            break
    return C, ((X[:, None, :] - C[None, :, :]) ** 2).sum(-1).argmin(1)
