import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    N = X.shape[0]
    ids = [int(rng.integers(N))]
    for _ in range(k - 1):
        D = np.min([np.sum((X - X[i]) ** 2, axis=1) for i in ids], axis=0)
        ids.append(int(rng.choice(N, p=D / D.sum())) if D.sum() > 0 else int(rng.integers(N)))
    return X[ids]


def _assign(X, C):
    dists = np.linalg.norm(X[:, np.newaxis] - C, axis=1)
    return np.argmin(dists, axis=1)


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else np.copy(init).astype(float)
    for _ in range(n_iter):
        labels = _assign(X, C)
        counts = np.bincount(labels, minlength=k)
        newC = np.zeros_like(C)
        np.add.at(newC, labels, X)
        empty = counts == 0
        newC[~empty] /= counts[~empty, None]
        if empty.any():
            spread = ((X - C[labels]) ** 2).sum(1)
            newC[empty] = X[np.argsort(-spread)[: empty.sum()]]
        done = ((newC - C) ** 2).sum() <= tol
        C = newC
        if done:
            break
    return C, _assign(X, C)
