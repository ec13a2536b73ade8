import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    N = len(X)
    centers = [X[rng.integers(N)]]
    for _ in range(k - 1):
        dist = np.min([np.linalg.norm(X - c, axis=1) for c in centers], axis=0)
        total = dist.sum()
        if total == 0:
            centers.append(X[rng.integers(N)])
        else:
            centers.append(X[rng.choice(N, p=dist / total)])
    return np.array(centers)


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else np.array(init, dtype=float)
    for _ in range(n_iter):
        d = np.linalg.norm(X[:, None, :] - C[None, :, :], axis=2)
        lab = d.argmin(axis=1)
        new = np.empty_like(C)
        for j in range(k):
            pts = X[lab == j]
            new[j] = pts.mean(axis=0) if len(pts) else X[d.min(axis=1).argmax()]
        shift = ((new - C) ** 2).sum()
        C = new
        if shift <= tol:
            break
    return C, np.linalg.norm(X[:, None, :] - C[None, :, :], axis=2).argmin(axis=1)
