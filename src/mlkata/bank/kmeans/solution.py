import numpy as np


def kmeans_plus_plus_init(X: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k starting centroids [k, D] chosen among the rows of X [N, D] by D^2 sampling (k-means++)."""
    X = np.asarray(X, dtype=np.float64)
    N = X.shape[0]
    chosen = [int(rng.integers(N))]                            # first centre: a uniformly random row
    d2 = ((X - X[chosen[0]]) ** 2).sum(axis=1)                 # [N] squared distance to the nearest centre so far
    for _ in range(1, k):
        total = d2.sum()
        if total > 0:
            nxt = int(rng.choice(N, p=d2 / total))             # P(row i) = d2[i] / sum(d2); chosen rows have d2 = 0
        else:
            nxt = int(rng.integers(N))                         # every row already sits on a centre: any row will do
        chosen.append(nxt)
        d2 = np.minimum(d2, ((X - X[nxt]) ** 2).sum(axis=1))   # [N] nearest of the old centres and the new one
    return X[chosen]                                           # [k, D] copies of rows of X


def _sq_distances(X: np.ndarray, C: np.ndarray) -> np.ndarray:
    """Squared distances [N, k] between the rows of X [N, D] and the rows of C [k, D]."""
    # |x - c|^2 = |x|^2 - 2 x.c + |c|^2: one matrix product and no [N, k, D] temporary
    x2 = (X ** 2).sum(axis=1)[:, None]                         # [N, 1]
    c2 = (C ** 2).sum(axis=1)[None, :]                         # [1, k]
    return np.maximum(x2 - 2.0 * (X @ C.T) + c2, 0.0)          # [N, k]; rounding may dip just below 0


def _update(X: np.ndarray, labels: np.ndarray, centroids: np.ndarray, d2: np.ndarray) -> np.ndarray:
    """The update step: every centroid moves to the mean of its points; an empty cluster is re-seeded."""
    N, k = X.shape[0], centroids.shape[0]
    onehot = (labels[:, None] == np.arange(k)).astype(X.dtype)  # [N, k] membership
    counts = onehot.sum(axis=0)                                 # [k] points per cluster
    new = (onehot.T @ X) / np.maximum(counts, 1)[:, None]       # [k, D] cluster means (empty rows fixed below)
    empty = np.flatnonzero(counts == 0)
    if empty.size:
        # re-seed each emptied centroid at one of the points farthest from their own centroid
        own = d2[np.arange(N), labels]                          # [N] squared distance to the assigned centroid
        far = np.argsort(-own, kind="stable")[: empty.size]
        new[empty] = X[far]
    return new


def kmeans(X: np.ndarray, k: int, rng: np.random.Generator, n_iter: int = 100, tol: float = 1e-6,
           init: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Lloyd's algorithm: (centroids [k, D], labels [N]), the labels being the nearest returned centroid."""
    X = np.asarray(X, dtype=np.float64)                        # [N, D]
    if init is None:
        centroids = kmeans_plus_plus_init(X, k, rng)           # [k, D]
    else:
        centroids = np.array(init, dtype=np.float64)           # [k, D], a copy: the caller's init stays as it is
    for _ in range(n_iter):
        d2 = _sq_distances(X, centroids)                       # [N, k]
        labels = d2.argmin(axis=1)                             # [N] assignment step
        new = _update(X, labels, centroids, d2)                # [k, D] update step
        shift = ((new - centroids) ** 2).sum()                 # total squared movement of the centroids
        centroids = new
        if shift <= tol:
            break
    labels = _sq_distances(X, centroids).argmin(axis=1)        # [N] the labels of the centroids returned
    return centroids, labels
