import numpy as np


def kmeans_plus_plus_init(X: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++ seeding: k starting centroids chosen among the rows of X.

    X:      [N, D] float64 data points (may contain repeated rows).
    k:      number of centres, 1 <= k <= N.
    rng:    np.random.Generator; every random draw must come from it.
    return: [k, D] array whose rows are rows of X. The first is a uniformly random
            row; each next one is row i with probability D(x_i)^2 / sum_j D(x_j)^2,
            D(x) being the distance from x to the nearest centre chosen so far.
    """
    raise NotImplementedError


def kmeans(X: np.ndarray, k: int, rng: np.random.Generator, n_iter: int = 100, tol: float = 1e-6,
           init: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Lloyd's k-means.

    X:      [N, D] float64 data points; 1 <= k <= N.
    rng:    np.random.Generator, for k-means++ (when init is None) and any re-seeding.
    n_iter: at most this many update steps (centroids -> means of their points).
    tol:    stop early once an update moves the centroids by a total squared
            distance <= tol.
    init:   optional [k, D] starting centroids (do not modify it); None means
            kmeans_plus_plus_init(X, k, rng).
    return: (centroids [k, D], labels [N]) with labels[i] the index of the
            returned centroid nearest to X[i]. No NaN: an emptied cluster is re-seeded.
    """
    raise NotImplementedError
