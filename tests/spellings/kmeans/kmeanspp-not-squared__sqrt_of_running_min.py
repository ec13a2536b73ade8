import numpy as np


def _sqdist(X, C):
    return np.maximum((X ** 2).sum(1)[:, None] - 2 * X @ C.T + (C ** 2).sum(1)[None, :], 0.0)


def kmeans_plus_plus_init(X, k, rng):
    n = X.shape[0]
    chosen = [int(rng.integers(n))]
    closest = _sqdist(X, X[chosen])[:, 0]
    for _ in range(1, k):
        w = np.sqrt(closest)             # distance to the nearest centre
        if w.sum() > 0:
            nxt = int(rng.choice(n, p=w / w.sum()))
        else:
            nxt = int(rng.integers(n))
        chosen.append(nxt)
        closest = np.minimum(closest, _sqdist(X, X[[nxt]])[:, 0])
    return X[chosen]


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else init.astype(float).copy()
    for _ in range(n_iter):
        d = _sqdist(X, C)
        lab = d.argmin(1)
        onehot = (lab[:, None] == np.arange(k)).astype(float)
        cnt = onehot.sum(0)
        new = onehot.T @ X / np.maximum(cnt, 1)[:, None]
        empty = np.flatnonzero(cnt == 0)
        if empty.size:
            new[empty] = X[np.argsort(-d[np.arange(len(X)), lab])[: empty.size]]
        moved = ((new - C) ** 2).sum()
        C = new
        if moved <= tol:
            break
    return C, _sqdist(X, C).argmin(1)
