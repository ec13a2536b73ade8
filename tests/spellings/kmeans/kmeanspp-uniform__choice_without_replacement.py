import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    idx = rng.choice(len(X), size=k, replace=False)
    return X[idx].copy()


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else np.array(init, dtype=float)
    for _ in range(n_iter):
        d = ((X[:, None, :] - C[None, :, :]) ** 2).sum(-1)
        lab = d.argmin(1)
        new = C.copy()
        for j in range(k):
            if (lab == j).any():
                new[j] = X[lab == j].mean(0)
            else:
                new[j] = X[d.min(1).argmax()]
        s = ((new - C) ** 2).sum()
        C = new
        if s <= tol:
            break
    return C, ((X[:, None, :] - C[None, :, :]) ** 2).sum(-1).argmin(1)
