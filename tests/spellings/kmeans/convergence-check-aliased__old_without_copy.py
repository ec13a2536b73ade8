import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    n = X.shape[0]
    picks = [rng.integers(n)]
    d2 = ((X - X[picks[0]]) ** 2).sum(axis=1)
    for _ in range(1, k):
        picks.append(rng.choice(n, p=d2 / d2.sum()) if d2.sum() > 0 else rng.integers(n))
        d2 = np.minimum(d2, ((X - X[picks[-1]]) ** 2).sum(axis=1))
    return X[picks].copy()


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    centroids = kmeans_plus_plus_init(X, k, rng) if init is None else np.array(init, dtype=float)
    for _ in range(n_iter):
        dist = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(-1)
        labels = dist.argmin(1)
        old = centroids
        for j in range(k):
            members = X[labels == j]
            if len(members):
                centroids[j] = members.mean(0)
            else:
                centroids[j] = X[dist.min(1).argmax()]
        if ((centroids - old) ** 2).sum() <= tol:
            break
    labels = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(-1).argmin(1)
    return centroids, labels
