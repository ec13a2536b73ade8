import numpy as np


def _d2(X, C):
    return ((X[:, None, :] - C[None, :, :]) ** 2).sum(-1)


def kmeans_plus_plus_init(X, k, rng):
    N = len(X)
    chosen = [int(rng.integers(N))]
    for _ in range(k - 1):
        cur = _d2(X, X[chosen]).min(1)
        if cur.sum() == 0:
            chosen.append(int(rng.integers(N)))
            continue
        # draw a few D^2 candidates and keep the one that reduces the inertia most
        trial = rng.choice(N, size=3, p=cur / cur.sum())
        costs = [np.minimum(cur, _d2(X, X[[t]])[:, 0]).sum() for t in trial]
        chosen.append(int(trial[int(np.argmin(costs))]))
    return X[chosen]


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else init.astype(float)
    for _ in range(n_iter):
        d = _d2(X, C)
        lab = d.argmin(1)
        cnt = np.bincount(lab, minlength=k)
        sums = np.zeros_like(C)
        np.add.at(sums, lab, X)
        new = C.copy()
        new[cnt > 0] = sums[cnt > 0] / cnt[cnt > 0, None]
        new[cnt == 0] = X[np.argsort(-d.min(1))[: (cnt == 0).sum()]]
        moved = ((new - C) ** 2).sum()
        C = new
        if moved <= tol:
            break
    return C, _d2(X, C).argmin(1)
