import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    n = X.shape[0]
    n_trials = 2 + int(np.log(k))
    centers = [X[rng.integers(n)]]
    closest = ((X - centers[0]) ** 2).sum(1)
    pot = closest.sum()
    for _ in range(1, k):
        if pot == 0:
            centers.append(X[rng.integers(n)])
            continue
        cands = rng.choice(n, size=n_trials, p=closest / pot)
        best, best_pot, best_d = None, np.inf, None
        for c in cands:
            d = np.minimum(closest, ((X - X[c]) ** 2).sum(1))
            if d.sum() < best_pot:
                best, best_pot, best_d = c, d.sum(), d
        centers.append(X[best])
        closest, pot = best_d, best_pot
    return np.array(centers)


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else np.array(init, dtype=float)
    for _ in range(n_iter):
        d = ((X[:, None, :] - C[None, :, :]) ** 2).sum(2)
        labels = d.argmin(1)
        new = C.copy()
        for j in range(k):
            m = labels == j
            new[j] = X[m].mean(0) if m.any() else X[d.min(1).argmax()]
        s = ((new - C) ** 2).sum()
        C = new
        if s <= tol:
            break
    return C, ((X[:, None, :] - C[None, :, :]) ** 2).sum(2).argmin(1)
