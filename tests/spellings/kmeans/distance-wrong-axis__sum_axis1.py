import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    n = len(X)
    first = rng.integers(n)
    centers = [X[first]]
    d2 = ((X - X[first]) ** 2).sum(axis=1)
    for _ in range(k - 1):
        i = rng.choice(n, p=d2 / d2.sum()) if d2.sum() > 0 else rng.integers(n)
        centers.append(X[i])
        d2 = np.minimum(d2, ((X - X[i]) ** 2).sum(axis=1))
    return np.stack(centers)


def pairwise_sq(X, C):
    return ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=1)


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else np.array(init, dtype=float)
    for _ in range(n_iter):
        labels = pairwise_sq(X, C).argmin(axis=1)
        new = C.copy()
        for j in range(k):
            if np.any(labels == j):
                new[j] = X[labels == j].mean(axis=0)
            else:
                new[j] = X[pairwise_sq(X, C).min(axis=1).argmax()]
        shift = ((new - C) ** 2).sum()
        C = new
        if shift <= tol:
            break
    return C, pairwise_sq(X, C).argmin(axis=1)
