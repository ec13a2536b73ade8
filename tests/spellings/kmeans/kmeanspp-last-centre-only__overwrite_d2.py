import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    n = X.shape[0]
    idx = [int(rng.integers(n))]
    d2 = ((X - X[idx[0]]) ** 2).sum(axis=1)
    for _ in range(1, k):
        probs = d2 / d2.sum() if d2.sum() > 0 else np.full(n, 1.0 / n)
        nxt = int(rng.choice(n, p=probs))
        idx.append(nxt)
        d2 = ((X - X[nxt]) ** 2).sum(axis=1)
    return X[idx]


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else np.array(init, dtype=float)
    for _ in range(n_iter):
        d = ((X[:, None, :] - C[None, :, :]) ** 2).sum(-1)
        lab = d.argmin(1)
        new = C.copy()
        for j in range(k):
            m = lab == j
            new[j] = X[m].mean(0) if m.any() else X[d.min(1).argmax()]
        sh = ((new - C) ** 2).sum()
        C = new
        if sh <= tol:
            break
    return C, ((X[:, None, :] - C[None, :, :]) ** 2).sum(-1).argmin(1)
