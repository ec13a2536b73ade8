"""Calls the implementation's kmeans and kmeans_plus_plus_init. Runs in the sandbox; holds no answers.

Every Generator the implementation receives is built here from a seed in the case. Some calls return
the raw result (compared with the model answer's); the others return what every correct answer has
in common, as {"violation": None or a short code, "detail": a sentence for the report}: the first
broken property in a fixed order, so that two answers with the same bug report the same code.
"""

import numpy as np


def _as_array(value, what: str) -> np.ndarray:
    array = np.asarray(value)
    if array.dtype == object:
        raise TypeError(f"{what} should be a numeric array, got {type(value).__name__}")
    return array


def _centres(result, k: int, D: int) -> np.ndarray:
    centres = _as_array(result, "kmeans_plus_plus_init's result")
    if centres.shape != (k, D):
        raise ValueError(f"kmeans_plus_plus_init should return an array of shape (k, D) = {(k, D)}, "
                         f"got shape {centres.shape}")
    return centres


def _unpack(result, N: int, k: int, D: int) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(result, tuple | list) or len(result) != 2:
        raise TypeError(f"kmeans should return a pair (centroids [k, D], labels [N]), got {type(result).__name__}")
    centroids = _as_array(result[0], "centroids")
    labels = _as_array(result[1], "labels")
    if centroids.shape == (N,) and labels.shape == (k, D):
        raise ValueError("kmeans returned (labels, centroids): the contract is (centroids, labels)")
    if centroids.shape != (k, D):
        raise ValueError(f"centroids should have shape (k, D) = {(k, D)}, got {centroids.shape}")
    if labels.shape != (N,):
        raise ValueError(f"labels should have shape (N,) = {(N,)}, got {labels.shape}")
    return centroids, labels


def _run(impl, X, k, seed, init=None, n_iter=None, tol=None):
    """kmeans on copies of the inputs; n_iter and tol are passed only when the case sets them."""
    options = {}
    if n_iter is not None:
        options["n_iter"] = n_iter
    if tol is not None:
        options["tol"] = tol
    if init is not None:
        options["init"] = init.copy()
    result = impl.kmeans(X.copy(), k, np.random.default_rng(seed), **options)
    return _unpack(result, X.shape[0], k, X.shape[1])


def kmeans_centroids(impl, X, k, seed, init=None, n_iter=None, tol=None):
    return _run(impl, X, k, seed, init, n_iter, tol)[0]


def kmeans_labels(impl, X, k, seed, init=None, n_iter=None, tol=None):
    return _run(impl, X, k, seed, init, n_iter, tol)[1]


# -- properties of a result --------------------------------------------------------------------------

def _violation(X, k, centroids, labels, require) -> tuple[str | None, str]:
    """The first property the result breaks, in a fixed order, and a sentence about it."""
    N = X.shape[0]
    scale = 1.0 + float((X ** 2).sum(axis=1).max())  # distances are compared to this precision
    bad_rows = np.flatnonzero(~np.isfinite(centroids).all(axis=1))
    if bad_rows.size:
        return "nan", (f"centroid rows {bad_rows.tolist()} contain NaN or inf: the mean of an empty cluster is 0/0; "
                       "an emptied cluster must be re-seeded instead")
    if labels.dtype.kind not in "iu" or labels.min() < 0 or labels.max() >= k:
        return "labels-range", (f"labels should be integers in [0, {k}), got {labels.dtype} values from "
                                f"{labels.min()} to {labels.max()}")
    d2 = ((X[:, None, :] - centroids[None, :, :].astype(np.float64)) ** 2).sum(axis=-1)  # [N, k]
    nearest = d2.min(axis=1)
    own = d2[np.arange(N), labels]
    wrong = np.flatnonzero(own - nearest > 1e-6 * scale)  # float32 arithmetic resolves ~1e-7 * scale
    if wrong.size:
        i = int(wrong[0])
        return "not-nearest", (f"{wrong.size} of {N} labels are not the nearest returned centroid (point {i} is "
                               f"labelled {int(labels[i])} at squared distance {own[i]:.4g}, but centroid "
                               f"{int(d2[i].argmin())} is at {nearest[i]:.4g}); the labels must be the assignment "
                               "for the centroids you return")
    counts = np.bincount(labels, minlength=k)
    empty = np.flatnonzero(counts == 0)
    if "non-empty" in require and empty.size:
        # a centroid farther from every point than any point is from its own centroid was never re-seeded
        stranded = [int(j) for j in empty if d2[:, j].min() > own.max()]
        if stranded:
            j = stranded[0]
            return "stranded", (f"cluster {j} ends with no points and its centroid {centroids[j]} is far from every "
                                f"point (squared distance {d2[:, j].min():.4g} to the nearest): an emptied cluster "
                                "must be re-seeded onto a data point, not left where it was (nor set to 0)")
        return "empty", (f"clusters {empty.tolist()} end with no points although X has {k} or more distinct "
                         "points and the run had every chance to converge")
    if "means" in require:
        for j in np.flatnonzero(counts):
            mean = X[labels == j].mean(axis=0)
            if np.abs(centroids[j] - mean).max() > 1e-6 * np.sqrt(scale):
                return "not-means", (f"the run was given enough iterations to converge, yet centroid {int(j)} "
                                     f"is not the mean of its {int(counts[j])} points ({centroids[j]} vs {mean})")
    if "zero-inertia" in require:
        inertia = float(own.sum())
        if inertia > 1e-9 * scale * N:
            return "inertia", (f"inertia {inertia:.4g} where every point can sit on a centroid (k is at least the "
                               "number of distinct points), so it should be 0")
    return None, ""


def kmeans_properties(impl, X, k, seed, require, init=None, n_iter=None, tol=None):
    centroids, labels = _run(impl, X, k, seed, init, n_iter, tol)
    violation, detail = _violation(X, k, centroids, labels, require)
    return {"violation": violation, "detail": detail}


def kmeans_inertia(impl, X, k, seed, require):
    """kmeans with its defaults (k-means++ from the seed): the properties, and the inertia."""
    centroids, labels = _run(impl, X, k, seed)
    violation, detail = _violation(X, k, centroids, labels, require)
    if violation is not None:
        return {"violation": violation, "detail": detail}
    inertia = ((X - centroids[labels]) ** 2).sum()
    return {"violation": None, "detail": "", "inertia": float(inertia)}


# -- k-means++ ----------------------------------------------------------------------------------------

def _rows(X, centres) -> np.ndarray:
    """For every centre, the index of the first row of X equal to it, or -1. Equal up to float32 rounding:
    an implementation computing in float32 returns float32 copies of the rows (~7 significant digits)."""
    centres = np.asarray(centres, dtype=np.float64)
    tol = 1e-6 * (1.0 + np.abs(X).max(axis=1))  # [N] a row's own scale
    equal = (np.abs(centres[:, None, :] - X[None, :, :]) <= tol[None, :, None]).all(axis=2)  # [k, N]
    return np.where(equal.any(axis=1), equal.argmax(axis=1), -1)


def _not_rows(centres, rows, draw: int) -> tuple[str, str]:
    c = int(np.flatnonzero(rows < 0)[0])
    return "not-rows", f"draw {draw}: centre {c} ({centres[c]}) is not a row of X; k-means++ picks data points"


def kmeanspp_frequencies(impl, X, k, groups, names, seed, n_draws):
    """How often each sequence of groups (the group of centre 0, 1, ...) comes out of n_draws calls
    sharing one Generator."""
    rng = np.random.default_rng(seed)
    D = X.shape[1]
    counts = np.zeros((len(names),) * k, dtype=np.int64)
    for draw in range(n_draws):
        centres = _centres(impl.kmeans_plus_plus_init(X, k, rng), k, D)
        rows = _rows(X, centres)
        if (rows < 0).any():
            violation, detail = _not_rows(centres, rows, draw)
            return {"violation": violation, "detail": detail}
        counts[tuple(groups[rows])] += 1
    return {"violation": None, "detail": "", "counts": counts, "names": names}


def kmeanspp_properties(impl, X, k, seed, n_draws):
    """Over n_draws calls: centres are rows of X, and no point is picked twice while some point at a
    positive distance from every centre was never picked."""
    rng = np.random.default_rng(seed)
    D = X.shape[1]
    _, location = np.unique(X, axis=0, return_inverse=True)  # [N] which distinct point each row is
    location = location.ravel()
    n_locations = int(location.max()) + 1
    for draw in range(n_draws):
        centres = _centres(impl.kmeans_plus_plus_init(X, k, rng), k, D)
        if not np.isfinite(centres).all():
            return {"violation": "nan", "detail": f"draw {draw}: the centres contain NaN or inf"}
        rows = _rows(X, centres)
        if (rows < 0).any():
            violation, detail = _not_rows(centres, rows, draw)
            return {"violation": violation, "detail": detail}
        picked = np.bincount(location[rows], minlength=n_locations)
        if (picked > 1).any() and (picked == 0).any():
            twice = int(np.flatnonzero(picked > 1)[0])
            point = X[np.flatnonzero(location == twice)[0]]
            return {"violation": "repeated", "detail": (
                f"draw {draw}: the point {point} was picked {int(picked[twice])} times while "
                f"{int((picked == 0).sum())} distinct points were never picked. Under D^2 sampling a point "
                "that already is a centre has probability 0 as long as some point is away from every centre")}
    return {"violation": None, "detail": ""}


def reproducible(impl, X, k, seed, function, n_iter=None):
    """Two calls with generators built from the same seed give the same result."""
    if function == "kmeans_plus_plus_init":
        first, second = (np.asarray(impl.kmeans_plus_plus_init(X.copy(), k, np.random.default_rng(seed)))
                         for _ in range(2))
        same = first.shape == second.shape and np.array_equal(first, second)
    else:
        (c1, l1), (c2, l2) = (_run(impl, X, k, seed, n_iter=n_iter) for _ in range(2))
        same = np.array_equal(c1, c2) and np.array_equal(l1, l2)
    if same:
        return {"violation": None, "detail": ""}
    return {"violation": "not-reproducible", "detail": (
        f"two calls of {function} with np.random.default_rng({seed}) gave different results: every random "
        "draw must come from `rng` (not np.random.* or the random module)")}


def inputs_after_call(impl, X, k, seed, init=None):
    """X (and init) as the caller sees them after kmeans returns."""
    impl.kmeans(X, k, np.random.default_rng(seed), init=init)
    return {"X": X} if init is None else {"X": X, "init": init}
