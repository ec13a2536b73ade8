import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    N = len(X)
    centers = [X[rng.integers(N)]]
    while len(centers) < k:
        dist_sq = np.sum((X - centers[-1]) ** 2, axis=1)
        total = dist_sq.sum()
        if total == 0:
            centers.append(X[rng.integers(N)])
        else:
            centers.append(X[rng.choice(N, p=dist_sq / total)])
    return np.array(centers)


def _d(X, C):
    diff = X[:, None, :] - C[None, :, :]
    return np.einsum("nkd,nkd->nk", diff, diff)


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else np.copy(init).astype(float)
    for _ in range(n_iter):
        d = _d(X, C)
        lab = d.argmin(1)
        cnt = np.bincount(lab, minlength=k)
        new = np.zeros_like(C)
        np.add.at(new, lab, X)
        nz = cnt > 0
        new[nz] /= cnt[nz, None]
        new[~nz] = X[np.argsort(-d.min(1))[: (~nz).sum()]]
        s = ((new - C) ** 2).sum()
        C = new
        if s <= tol:
            break
    return C, _d(X, C).argmin(1)
