import numpy as np


def _pairwise(A, B):
    diff = A[:, None, :] - B[None, :, :]
    return np.einsum("ijk,ijk->ij", diff, diff)


def kmeans_plus_plus_init(X, k, rng):
    centres = X[[rng.integers(len(X))]]
    while len(centres) < k:
        nearest = _pairwise(X, centres).min(axis=1)
        centres = np.vstack([centres, X[nearest.argmax()]])
    return centres


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else np.array(init, dtype=float)
    for _ in range(n_iter):
        d = _pairwise(X, C)
        lab = d.argmin(1)
        counts = np.bincount(lab, minlength=k)
        new = np.zeros_like(C)
        np.add.at(new, lab, X)
        filled = counts > 0
        new[filled] /= counts[filled, None]
        new[~filled] = X[np.argsort(-d.min(1))[: (~filled).sum()]]
        shift = ((new - C) ** 2).sum()
        C = new
        if shift <= tol:
            break
    return C, _pairwise(X, C).argmin(1)
