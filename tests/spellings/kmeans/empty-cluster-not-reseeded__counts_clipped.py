import numpy as np


def _sq(X, C):
    diff = X[:, None, :] - C[None, :, :]
    return np.einsum("nkd,nkd->nk", diff, diff)


def kmeans_plus_plus_init(X, k, rng):
    N = len(X)
    sel = [rng.integers(N)]
    best = _sq(X, X[sel])[:, 0]
    while len(sel) < k:
        s = best.sum()
        i = rng.choice(N, p=best / s) if s > 0 else rng.integers(N)
        sel.append(i)
        best = np.minimum(best, _sq(X, X[[i]])[:, 0])
    return X[sel]


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else init.copy().astype(float)
    for _ in range(n_iter):
        lab = _sq(X, C).argmin(axis=1)
        counts = np.bincount(lab, minlength=k)
        sums = np.zeros_like(C)
        np.add.at(sums, lab, X)
        new = sums / np.maximum(counts, 1)[:, None]     # avoid division by zero
        delta = ((new - C) ** 2).sum()
        C = new
        if delta <= tol:
            break
    return C, _sq(X, C).argmin(axis=1)
