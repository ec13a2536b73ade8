import numpy as np


def _d(X, C):
    return np.maximum((X * X).sum(1, keepdims=True) - 2 * X @ C.T + (C * C).sum(1), 0.0)


def kmeans_plus_plus_init(X, k, rng):
    N = len(X)
    chosen = [rng.integers(N)]
    closest = _d(X, X[chosen])[:, 0]
    for _ in range(1, k):
        tot = closest.sum()
        i = rng.choice(N, p=closest / tot) if tot > 0 else rng.integers(N)
        chosen.append(i)
        closest = np.minimum(closest, _d(X, X[[i]])[:, 0])
    return X[chosen]


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    centroids = kmeans_plus_plus_init(X, k, rng) if init is None else init.astype(float)
    it, converged = 0, False
    while not converged and it < n_iter:
        dist = _d(X, centroids)
        assignment = dist.argmin(1)
        counts = np.bincount(assignment, minlength=k)
        sums = np.zeros_like(centroids)
        np.add.at(sums, assignment, X)
        updated = centroids.copy()
        has = counts > 0
        updated[has] = sums[has] / counts[has, None]
        if (~has).any():
            updated[~has] = X[np.argsort(-dist.min(1))[: (~has).sum()]]
        converged = ((updated - centroids) ** 2).sum() <= tol
        centroids = updated
        it += 1
    return centroids, assignment
