import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    centers = []
    for _ in range(k):
        centers.append(X[rng.integers(0, X.shape[0])])
    return np.vstack(centers)


def _labels(X, C):
    return np.argmin(((X[:, None] - C[None]) ** 2).sum(axis=2), axis=1)


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = np.array(init, dtype=float) if init is not None else kmeans_plus_plus_init(X, k, rng)
    for _ in range(n_iter):
        lab = _labels(X, C)
        counts = np.bincount(lab, minlength=k)
        sums = np.zeros_like(C)
        np.add.at(sums, lab, X)
        new = C.copy()
        ok = counts > 0
        new[ok] = sums[ok] / counts[ok][:, None]
        if (~ok).any():
            err = ((X - C[lab]) ** 2).sum(1)
            new[~ok] = X[np.argsort(-err)[: (~ok).sum()]]
        moved = ((new - C) ** 2).sum()
        C = new
        if moved <= tol:
            break
    return C, _labels(X, C)
