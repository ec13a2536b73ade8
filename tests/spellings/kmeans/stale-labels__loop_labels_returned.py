import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    n = len(X)
    out = [X[rng.integers(n)]]
    d2 = ((X - out[0]) ** 2).sum(1)
    for _ in range(k - 1):
        s = d2.sum()
        c = X[rng.choice(n, p=d2 / s)] if s > 0 else X[rng.integers(n)]
        out.append(c)
        d2 = np.minimum(d2, ((X - c) ** 2).sum(1))
    return np.array(out)


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else np.array(init, dtype=np.float64)
    for _ in range(n_iter):
        d = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=-1)
        labels = d.argmin(axis=1)
        new = C.copy()
        for j in range(k):
            m = labels == j
            new[j] = X[m].mean(0) if m.any() else X[d.min(1).argmax()]
        change = ((new - C) ** 2).sum()
        C = new
        if change <= tol:
            break
    return C, labels
