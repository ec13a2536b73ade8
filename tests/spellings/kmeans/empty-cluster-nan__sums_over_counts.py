import numpy as np


def _dist2(X, C):
    return (X ** 2).sum(1)[:, None] - 2.0 * X @ C.T + (C ** 2).sum(1)[None, :]


def kmeans_plus_plus_init(X, k, rng):
    N = X.shape[0]
    chosen = [int(rng.integers(N))]
    for _ in range(1, k):
        d = _dist2(X, X[chosen]).min(axis=1).clip(min=0)
        total = d.sum()
        chosen.append(int(rng.choice(N, p=d / total)) if total > 0 else int(rng.integers(N)))
    return X[chosen]


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    centroids = np.array(init, dtype=float) if init is not None else kmeans_plus_plus_init(X, k, rng)
    for _ in range(n_iter):
        labels = _dist2(X, centroids).argmin(axis=1)
        onehot = np.zeros((X.shape[0], k))
        onehot[np.arange(X.shape[0]), labels] = 1.0
        new = onehot.T @ X / onehot.sum(axis=0)[:, None]
        moved = np.sum((new - centroids) ** 2)
        centroids = new
        if moved <= tol:
            break
    return centroids, _dist2(X, centroids).argmin(axis=1)
