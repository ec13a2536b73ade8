import numpy as np


def _d2(X, C):
    # |x|^2 - 2 x.c + |c|^2 in float32
    return np.maximum((X * X).sum(1)[:, None] - 2 * X @ C.T + (C * C).sum(1)[None, :], 0)


def kmeans_plus_plus_init(X, k, rng):
    X = np.asarray(X, dtype=np.float32)
    n = len(X)
    idx = [int(rng.integers(n))]
    d2 = ((X - X[idx[0]]) ** 2).sum(1)
    for _ in range(k - 1):
        s = float(d2.sum(dtype=np.float64))
        if s > 0:
            i = int(rng.choice(n, p=d2.astype(np.float64) / s))
        else:
            i = int(rng.integers(n))
        idx.append(i)
        d2 = np.minimum(d2, ((X - X[i]) ** 2).sum(1))
    return X[idx]


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    X = np.asarray(X, dtype=np.float32)
    C = kmeans_plus_plus_init(X, k, rng) if init is None else np.array(init, dtype=np.float32)
    for _ in range(n_iter):
        d = _d2(X, C)
        lab = d.argmin(1)
        M = np.eye(k, dtype=np.float32)[lab]                 # [N, k] one-hot
        cnt = M.sum(0)
        new = (M.T @ X) / np.maximum(cnt, 1)[:, None]
        for j in np.flatnonzero(cnt == 0):                   # re-seed at the worst-served point
            far = int(d[np.arange(len(X)), lab].argmax())
            new[j] = X[far]
            lab[far] = j
        moved = float(((new - C) ** 2).sum())
        C = new
        if moved <= tol:
            break
    return C, _d2(X, C).argmin(1)
