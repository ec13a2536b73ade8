import numpy as np


def _sqdist(X, C):
    diff = X[:, None, :] - C[None, :, :]
    return np.einsum("nkd,nkd->nk", diff, diff)


def kmeans_plus_plus_init(X, k, rng):
    n = X.shape[0]
    chosen = np.empty(k, dtype=int)
    chosen[0] = rng.integers(n)
    best = _sqdist(X, X[chosen[:1]])[:, 0]
    for i in range(1, k):
        tot = best.sum()
        chosen[i] = rng.choice(n, p=best / tot) if tot > 0 else rng.integers(n)
        best = np.minimum(best, _sqdist(X, X[chosen[i : i + 1]])[:, 0])
    return X[chosen]


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = np.array(init, dtype=float) if init is not None else kmeans_plus_plus_init(X, k, rng)
    labels = None
    for _ in range(n_iter):
        d = _sqdist(X, C)
        new_labels = d.argmin(axis=1)
        if labels is not None and np.array_equal(new_labels, labels):
            break                                   # nothing moves any more
        labels = new_labels
        counts = np.bincount(labels, minlength=k)
        sums = np.zeros_like(C)
        np.add.at(sums, labels, X)
        newC = C.copy()
        nz = counts > 0
        newC[nz] = sums[nz] / counts[nz, None]
        if (~nz).any():
            far = np.argsort(d[np.arange(len(X)), labels])[::-1]
            newC[~nz] = X[far[: (~nz).sum()]]
        moved = ((newC - C) ** 2).sum()
        C = newC
        if moved <= tol:
            break
    return C, _sqdist(X, C).argmin(axis=1)
