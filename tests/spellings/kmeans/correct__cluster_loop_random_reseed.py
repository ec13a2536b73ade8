import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    n = X.shape[0]
    centres = [X[rng.integers(n)]]
    for _ in range(1, k):
        d2 = np.min(((X[:, None, :] - np.array(centres)[None, :, :]) ** 2).sum(-1), axis=1)
        if d2.sum() == 0:
            centres.append(X[rng.integers(n)])
        else:
            centres.append(X[rng.choice(n, p=d2 / d2.sum())])
    return np.array(centres)


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    if init is None:
        C = kmeans_plus_plus_init(X, k, rng)
    else:
        C = np.array(init, dtype=float, copy=True)
    for _ in range(n_iter):
        dist = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)     # [N, k]
        labels = dist.argmin(axis=1)
        C_new = C.copy()
        for j in range(k):
            members = X[labels == j]
            if len(members):
                C_new[j] = members.mean(axis=0)
            else:
                # a random data point that is not already a centroid
                free = [i for i in range(len(X)) if not (X[i] == C_new).all(axis=1).any()]
                C_new[j] = X[rng.choice(free)] if free else X[rng.integers(len(X))]
        shift = np.sum((C_new - C) ** 2)
        C = C_new
        if shift <= tol:
            break
    labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    return C, labels
