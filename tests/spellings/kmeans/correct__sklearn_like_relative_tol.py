import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    n_samples = X.shape[0]
    centers = np.empty((k, X.shape[1]), dtype=X.dtype)
    first = rng.integers(n_samples)
    centers[0] = X[first]
    closest_sq = ((X - centers[0]) ** 2).sum(axis=1)
    for c in range(1, k):
        pot = closest_sq.sum()
        if pot == 0.0:
            cand = rng.integers(n_samples)
        else:
            cand = rng.choice(n_samples, p=closest_sq / pot)
        centers[c] = X[cand]
        closest_sq = np.minimum(closest_sq, ((X - centers[c]) ** 2).sum(axis=1))
    return centers


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    centers = kmeans_plus_plus_init(X, k, rng) if init is None else np.copy(init)
    for _ in range(n_iter):
        dist = (X ** 2).sum(1)[:, None] - 2 * X @ centers.T + (centers ** 2).sum(1)
        labels = dist.argmin(1)
        new_centers = centers.copy()
        for c in range(k):
            pts = X[labels == c]
            if pts.shape[0] > 0:
                new_centers[c] = pts.mean(0)
            else:
                new_centers[c] = X[dist.min(1).argmax()]
        center_shift_tot = ((new_centers - centers) ** 2).sum()
        centers = new_centers
        if center_shift_tot <= tol:
            break
    dist = (X ** 2).sum(1)[:, None] - 2 * X @ centers.T + (centers ** 2).sum(1)
    return centers, dist.argmin(1)
