import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    N = len(X)
    picks = [rng.integers(N)]
    closest = np.linalg.norm(X - X[picks[0]], axis=1) ** 2
    while len(picks) < k:
        cdf = np.cumsum(closest)
        if cdf[-1] <= 0:
            picks.append(rng.integers(N))
        else:
            r = rng.random() * cdf[-1]
            picks.append(min(int(np.searchsorted(cdf, r, side="right")), N - 1))
        closest = np.minimum(closest, np.linalg.norm(X - X[picks[-1]], axis=1) ** 2)
    return X[np.array(picks)].copy()


def assign(X, C):
    return np.argmin(np.linalg.norm(X[:, None, :] - C[None, :, :], axis=2), axis=1)


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = (kmeans_plus_plus_init(X, k, rng) if init is None else init).astype(float)
    for _ in range(n_iter):
        labels = assign(X, C)
        newC = np.array([X[labels == j].mean(axis=0) if np.any(labels == j) else C[j] for j in range(k)])
        empty = [j for j in range(k) if not np.any(labels == j)]
        if empty:
            err = np.linalg.norm(X - C[labels], axis=1)
            for j, i in zip(empty, np.argsort(-err)):
                newC[j] = X[i]
        done = np.linalg.norm(newC - C) < tol or np.linalg.norm(newC - C) == 0
        C = newC
        if done:
            break
    return C, assign(X, C)
