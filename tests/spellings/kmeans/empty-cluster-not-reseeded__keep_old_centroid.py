import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    n = X.shape[0]
    centres = [X[rng.integers(n)]]
    for _ in range(1, k):
        d2 = np.min(((X[:, None, :] - np.array(centres)[None]) ** 2).sum(-1), axis=1)
        tot = d2.sum()
        centres.append(X[rng.choice(n, p=d2 / tot)] if tot > 0 else X[rng.integers(n)])
    return np.array(centres)


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else np.array(init, dtype=float)
    for _ in range(n_iter):
        labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(-1).argmin(1)
        new = C.copy()
        for j in range(k):
            pts = X[labels == j]
            if len(pts) > 0:          # an empty cluster keeps its centroid
                new[j] = pts.mean(0)
        shift = ((new - C) ** 2).sum()
        C = new
        if shift <= tol:
            break
    return C, ((X[:, None, :] - C[None, :, :]) ** 2).sum(-1).argmin(1)
