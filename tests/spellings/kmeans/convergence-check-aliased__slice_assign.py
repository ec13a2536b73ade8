import numpy as np


def _sqd(X, C):
    diff = X[:, None, :] - C[None, :, :]
    return (diff * diff).sum(-1)


def kmeans_plus_plus_init(X, k, rng):
    N = len(X)
    idx = np.zeros(k, dtype=int)
    idx[0] = rng.integers(N)
    near = _sqd(X, X[idx[:1]])[:, 0]
    for c in range(1, k):
        s = near.sum()
        idx[c] = rng.choice(N, p=near / s) if s > 0 else rng.integers(N)
        near = np.minimum(near, _sqd(X, X[idx[c : c + 1]])[:, 0])
    return X[idx]


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else np.array(init, dtype=float)
    prev = C
    for _ in range(n_iter):
        d = _sqd(X, C)
        lab = d.argmin(1)
        cnt = np.bincount(lab, minlength=k)
        means = np.zeros_like(C)
        np.add.at(means, lab, X)
        means[cnt > 0] /= cnt[cnt > 0, None]
        means[cnt == 0] = X[np.argsort(-d.min(1))[: (cnt == 0).sum()]]
        C[:] = means
        if np.sum((C - prev) ** 2) <= tol:
            break
        prev = C
    return C, _sqd(X, C).argmin(1)
