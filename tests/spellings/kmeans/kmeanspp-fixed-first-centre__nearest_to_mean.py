import numpy as np


def _sq(X, C):
    return np.maximum((X ** 2).sum(1)[:, None] - 2 * X @ C.T + (C ** 2).sum(1), 0.0)


def kmeans_plus_plus_init(X, k, rng):
    N = X.shape[0]
    # start from the most central point
    first = int(np.argmin(((X - X.mean(axis=0)) ** 2).sum(axis=1)))
    picks = [first]
    near = _sq(X, X[[first]])[:, 0]
    for _ in range(k - 1):
        tot = near.sum()
        nxt = int(rng.choice(N, p=near / tot)) if tot > 0 else int(rng.integers(N))
        picks.append(nxt)
        near = np.minimum(near, _sq(X, X[[nxt]])[:, 0])
    return X[picks]


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else np.array(init, dtype=float)
    for _ in range(n_iter):
        d = _sq(X, C)
        lab = d.argmin(1)
        M = (lab[:, None] == np.arange(k)).astype(float)
        cnt = M.sum(0)
        new = M.T @ X / np.maximum(cnt, 1)[:, None]
        empty = np.flatnonzero(cnt == 0)
        new[empty] = X[np.argsort(-d.min(1))[: len(empty)]]
        moved = ((new - C) ** 2).sum()
        C = new
        if moved <= tol:
            break
    return C, _sq(X, C).argmin(1)
