"""Named checks for kmeans: inputs only; expected values come from the model answer.

Three kinds of case:

* exact runs from a given `init`, compared with the model answer. Each instance is simulated here
  first and kept only if the whole run stays clear of every choice the contract leaves open: no
  cluster ever empties, no point is ever within 1e-4 (relative to the data's scale) of being
  equidistant from two centroids (so float32 arithmetic or |x|^2 - 2x.c + |c|^2 distances give the
  same labels), and before convergence the centroids always move by a total squared distance of at
  least 1e-2 (so every reasonable tolerance rule stops at the same update);
* properties that every correct answer has, where the contract leaves a choice open (re-seeding,
  the draws of k-means++): the driver reports the first property broken (see driver.py);
* k-means++ frequencies over many draws, compared with the model answer's by a two-sample test that a
  correct sampler fails with probability below 2e-6, however it uses its rng (see `_max_tv`).
"""

from __future__ import annotations

import math

import numpy as np

from mlkata.kit import Case, Check, Efficiency, Mismatch

EXACT = {"rtol": 1e-5, "atol": 1e-6, "check_dtype": False}  # centroids; integer labels must match exactly
CONVERGED = ["non-empty", "means"]  # what a run given enough iterations (tol = 0) must end with
DELTA = 1e-6  # chance that one correct sampler's frequencies stray past the threshold, per side


# -- simulating a plain Lloyd run, to keep only instances without ties or empty clusters --------------

def _trajectory(X: np.ndarray, init: np.ndarray, max_updates: int = 200):
    """Labels of every assignment step and the centroids after every update of a plain Lloyd run,
    the smallest relative tie margin met, and the smallest non-zero shift; None if a cluster empties
    or the run does not converge."""
    C, k = init.copy(), init.shape[0]
    scale = 1.0 + float((X ** 2).sum(axis=1).max())
    labels_seen, centroids_seen, margin, shifts = [], [], math.inf, []
    for _ in range(max_updates + 1):
        d2 = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=-1)  # [N, k]
        if k > 1:
            two = np.partition(d2, 1, axis=1)
            margin = min(margin, float((two[:, 1] - two[:, 0]).min()) / scale)
        labels = d2.argmin(axis=1)
        labels_seen.append(labels)
        counts = np.bincount(labels, minlength=k)
        if (counts == 0).any():
            return None
        new = np.stack([X[labels == j].mean(axis=0) for j in range(k)])
        shift = float(((new - C) ** 2).sum())
        if shift == 0.0:
            return labels_seen, centroids_seen, margin, min(shifts, default=math.inf)
        shifts.append(shift)
        centroids_seen.append(new)
        C = new
    return None


def _mixture(rng, N: int, D: int, modes: int, spread: float = 2.5) -> np.ndarray:
    """Overlapping Gaussian blobs: Lloyd needs several updates to settle."""
    centres = rng.uniform(-spread, spread, size=(modes, D))
    return centres[rng.integers(modes, size=N)] + rng.standard_normal((N, D))


def _init_rows(rng, X: np.ndarray, k: int) -> np.ndarray:
    return X[rng.choice(len(X), size=k, replace=False)].copy()


def _init_box(rng, X: np.ndarray, k: int) -> np.ndarray:
    return rng.uniform(X.min(axis=0), X.max(axis=0), size=(k, X.shape[1]))


def _converging_instance(rng, N, D, k, modes, init_kind="rows"):
    """(X, init, number of updates) of a clean run that needs 3 to 40 updates."""
    while True:
        X = _mixture(rng, N, D, modes)
        init = _init_rows(rng, X, k) if init_kind == "rows" else _init_box(rng, X, k)
        run = _trajectory(X, init)
        if run is None:
            continue
        labels_seen, centroids_seen, margin, min_shift = run
        if 3 <= len(centroids_seen) <= 40 and margin >= 1e-4 and min_shift >= 1e-2:
            return X, init, len(centroids_seen)


def _stopped_instance(rng, N, D, k, n_iter):
    """(X, init) whose run is still moving after n_iter updates and whose labels change at the next
    assignment, so that labels from before the last update are visibly stale."""
    while True:
        X = _mixture(rng, N, D, k)
        init = _init_rows(rng, X, k)
        run = _trajectory(X, init)
        if run is None:
            continue
        labels_seen, centroids_seen, margin, min_shift = run
        if len(centroids_seen) > n_iter + 1 and margin >= 1e-4 and min_shift >= 1e-2 and \
                (labels_seen[n_iter] != labels_seen[n_iter - 1]).sum() >= 2:
            return X, init


def _pair(X, k, init, label, seed=0, **options) -> list[Case]:
    args = {"X": X, "k": k, "seed": seed, "init": init, **options}
    return [Case("kmeans_centroids", args, f"{label}: centroids"),
            Case("kmeans_labels", args, f"{label}: labels")]


def _describe(X, k, options) -> str:
    parts = [f"X {X.shape}, k={k}"]
    parts += [f"{name}={value}" for name, value in options.items()]
    return ", ".join(parts)


# -- exact runs from a given init -----------------------------------------------------------------------

def converged_cases(rng) -> list[Case]:
    cases = []
    for N, D, k, modes, kind, options in [
        (40, 2, 3, 3, "rows", {}), (60, 3, 4, 4, "box", {"tol": 0.0}), (30, 1, 3, 3, "rows", {"tol": 0.0}),
        (80, 5, 6, 5, "rows", {"n_iter": 300, "tol": 1e-12}), (25, 2, 2, 2, "box", {}),
        (50, 4, 5, 6, "box", {"tol": 1e-9}),
    ]:
        X, init, updates = _converging_instance(rng, N, D, k, modes, kind)
        where = "rows of X" if kind == "rows" else "points in X's bounding box"
        cases += _pair(X, k, init, f"{_describe(X, k, options)}, init = {k} {where} ({updates} updates)", **options)
    X = rng.standard_normal((12, 3))
    cases += _pair(X, 1, X[[4]] + 0.5, "X (12, 3), k=1: the centroid is the mean")
    X = rng.standard_normal((7, 2)) * 3
    cases += _pair(X, 7, X[rng.permutation(7)], "X (7, 2), k = N = 7, init = the rows of X shuffled")
    return cases


def stopped_cases(rng) -> list[Case]:
    cases = []
    for N, D, k, n_iter in [(60, 2, 4, 1), (50, 3, 3, 2), (70, 2, 5, 3)]:
        X, init = _stopped_instance(rng, N, D, k, n_iter)
        cases += _pair(X, k, init, f"X {X.shape}, k={k}, init = {k} rows of X, n_iter={n_iter}", n_iter=n_iter)
    return cases


def nearest_label_cases(rng) -> list[Case]:
    cases = []
    for N, D, k, n_iter in [(40, 2, 3, 1), (60, 2, 4, 2), (50, 1, 3, 1)]:
        X, init = _stopped_instance(rng, N, D, k, n_iter)
        args = {"X": X, "k": k, "seed": 1, "require": [], "init": init, "n_iter": n_iter}
        cases.append(Case("kmeans_properties", args,
                          f"X {X.shape}, k={k}, init = {k} rows of X, n_iter={n_iter}: labels vs returned centroids"))
    return cases


# -- properties where the contract leaves the choice open ---------------------------------------------

def _blobs(rng, sizes, D: int, spacing: float, std: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian blobs whose centres are at least `spacing` apart; returns X and each row's blob."""
    centres = []
    while len(centres) < len(sizes):
        c = rng.uniform(-spacing * len(sizes), spacing * len(sizes), size=D)
        if all(np.linalg.norm(c - other) >= spacing for other in centres):
            centres.append(c)
    blob = np.repeat(np.arange(len(sizes)), sizes)
    X = np.asarray(centres)[blob] + std * rng.standard_normal((len(blob), D))
    order = rng.permutation(len(blob))
    return X[order], blob[order]


def empty_cluster_cases(rng) -> list[Case]:
    """Inits with centroids far from every point: their clusters are empty after the first assignment.
    D < k in every case (see the distance-wrong-axis mistake: summing over the centroid axis then
    gives labels in [0, D) whatever the rest of the code)."""
    cases = []
    for sizes, D, k, n_far in [((12, 10, 8), 2, 4, 1), ((10, 10, 10), 1, 3, 1), ((9, 8, 12, 7), 3, 6, 2),
                               ((15, 15), 2, 5, 2)]:
        X, _ = _blobs(rng, sizes, D, spacing=6.0)
        X += 40.0  # away from the origin: a centroid set to 0 is as stranded as one left where it was
        init = np.concatenate([_init_rows(rng, X, k - n_far),
                               100.0 + rng.uniform(0.0, 10.0, size=(n_far, D))])
        init = init[rng.permutation(k)]
        args = {"X": X, "k": k, "seed": 2, "require": CONVERGED, "init": init, "n_iter": 300, "tol": 0.0}
        label = (f"X {X.shape}, k={k}, {n_far} init centroid{'s' if n_far > 1 else ''} ~100 away from every "
                 "point, n_iter=300, tol=0")
        cases.append(Case("kmeans_properties", args, label))
    return cases


def degenerate_cases(rng) -> list[Case]:
    """k = N and repeated points, from k-means++ (init=None): every point ends on a centroid."""
    distinct = rng.standard_normal((6, 2)) * 2
    points = rng.standard_normal((4, 3))
    repeated = points[[0, 1, 1, 2, 3, 3, 3]][rng.permutation(7)]
    identical = np.tile(rng.standard_normal((1, 2)), (5, 1))
    heavy = points[rng.integers(4, size=20)]
    cases = []
    for X, k, label in [
        (distinct, 6, "X (6, 2) distinct points, k = N = 6"),
        (repeated, 7, "X (7, 3) with 4 distinct points, k = N = 7"),
        (identical, 3, "X (5, 2): five copies of one point, k=3"),
        (heavy, 4, f"X (20, 3): {len(np.unique(heavy, axis=0))} distinct points repeated, k=4"),
    ]:
        args = {"X": X, "k": k, "seed": 3, "require": ["zero-inertia"], "n_iter": 50, "tol": 0.0}
        cases.append(Case("kmeans_properties", args, label + ", init=None"))
    return cases


def blob_cases(rng) -> list[Case]:
    """Well-separated blobs (centres >= 1e5 apart, std 1): k-means++ puts one centre in each blob except
    with probability below 1e-6 (bound checked in tests/test_oracle_kmeans.py), and Lloyd then converges
    to the blobs, whose inertia is the optimum."""
    cases = []
    for sizes, D in [((25,) * 8, 2), ((20, 30, 25, 15, 20, 20, 25, 10, 15, 20), 16)]:
        X, _ = _blobs(rng, sizes, D, spacing=1e5)
        args = {"X": X, "k": len(sizes), "seed": 4, "require": CONVERGED}
        cases.append(Case("kmeans_inertia", args,
                          f"X {X.shape}: {len(sizes)} blobs (std 1, centres >= 1e5 apart), k={len(sizes)}, "
                          "init=None, default n_iter and tol"))
    return cases


# -- k-means++ ------------------------------------------------------------------------------------------

def simplex_and_two(m: int = 24, R: float = 8.0, d_ab: float = 6.0) -> np.ndarray:
    """m points at pairwise distance 1 (a regular simplex), then points A and B at distance R from each
    of them and d_ab from each other. [m + 2, m + 1]."""
    P = np.hstack([np.eye(m) / np.sqrt(2.0), np.zeros((m, 1))])  # vertices, edge 1
    centre = P.mean(axis=0)
    r2 = (m - 1) / (2 * m)  # squared circumradius
    up = np.append(np.ones(m) / np.sqrt(m), 0.0)  # orthogonal to the simplex
    side = np.append(np.zeros(m), 1.0)
    h = np.sqrt(R ** 2 - r2 - d_ab ** 2 / 4)
    A = centre + h * up + d_ab / 2 * side
    B = centre + h * up - d_ab / 2 * side
    return np.vstack([P, A, B])


def two_rings_and_outlier(m: int = 40, gap: float = 10.0, height: float = 13.0) -> np.ndarray:
    """m points on a circle of radius 0.5 around (0, 0) ('left'), m around (gap, 0) ('right'), and one
    point at (0, height) ('outlier'), the farthest point from every left or right point. [2m + 1, 2]."""
    t = 2 * np.pi * np.arange(m) / m
    ring = 0.5 * np.stack([np.cos(t), np.sin(t)], axis=1)
    return np.vstack([ring, ring + [gap, 0.0], [[0.0, height]]])


def frequency_cases(rng) -> list[Case]:
    """k = 3 on `simplex_and_two` (24 cluster points, A and B far): D^2 sampling picks, after a cluster
    point, A or B with probability 2*64 / (2*64 + 23) = 0.85, then the other far point with probability
    36 / (36 + 23) = 0.61. Every wrong rule is far off: the group sequences' total variation from D^2
    sampling is 0.43 for D^1 weights, 0.81 for uniform picks, 0.48 for the farthest point and 0.48 for
    distances to the last centre only, 0.41 for scikit-learn's greedy variant (the best of 2 + ln k
    D^2 candidates; exact enumeration in tests/test_oracle_kmeans.py); the threshold for 1000 draws is
    0.25.

    There the greedy variant is only 0.06 from the farthest point, far below the threshold, so the two
    could not be told apart. The k = 2 case on `two_rings_and_outlier` separates them: after a left
    (right) point, D^2 sampling takes a right (left) point with probability 0.96 and the outlier with
    0.04; greedy almost never takes the outlier (total variation 0.05 from D^2 sampling, below 0.06
    for any number of candidates) and passes, while the farthest point always does (0.94) and fails;
    uniform picks are 0.48 away. The k = 1 case checks that the first centre is uniform."""
    X = simplex_and_two()
    groups = np.array([0] * 24 + [1, 1])
    order = rng.permutation(len(X))
    four = rng.standard_normal((4, 2))
    rings = two_rings_and_outlier()
    ring_groups = np.array([0] * 40 + [1] * 40 + [2])
    ring_order = np.random.default_rng(15).permutation(len(rings))  # not from rng: later cases keep their data
    return [
        Case("kmeanspp_frequencies",
             {"X": X[order], "k": 3, "groups": groups[order], "names": ["cluster", "far"], "seed": 5, "n_draws": 1000},
             "k=3, X: 24 points at pairwise distance 1 plus 2 points 8 away ('far'), 1000 draws"),
        Case("kmeanspp_frequencies",
             {"X": rings[ring_order], "k": 2, "groups": ring_groups[ring_order], "names": ["left", "right", "outlier"],
              "seed": 15, "n_draws": 1000},
             "k=2, X (81, 2): 40 points around (0, 0) ('left'), 40 around (10, 0) ('right'), 1 at (0, 13) "
             "('outlier'), 1000 draws"),
        Case("kmeanspp_frequencies",
             {"X": four, "k": 1, "groups": np.arange(4), "names": ["x0", "x1", "x2", "x3"], "seed": 6,
              "n_draws": 400},
             "k=1, X (4, 2): the first centre is a uniformly random row, 400 draws"),
    ]


def kmeanspp_property_cases(rng) -> list[Case]:
    points = rng.standard_normal((4, 3))
    repeated = points[np.repeat(np.arange(4), [5, 3, 1, 6])][rng.permutation(15)]
    few = points[np.repeat(np.arange(3), [2, 3, 1])][rng.permutation(6)]
    distinct = rng.standard_normal((5, 2))
    identical = np.tile(points[:1], (4, 1))
    return [
        Case("kmeanspp_properties", {"X": repeated, "k": 4, "seed": 7, "n_draws": 40},
             "X (15, 3): 4 distinct points repeated 5, 3, 1 and 6 times, k=4, 40 draws"),
        Case("kmeanspp_properties", {"X": distinct, "k": 5, "seed": 8, "n_draws": 30},
             "X (5, 2) distinct, k = N = 5, 30 draws"),
        Case("kmeanspp_properties", {"X": few, "k": 5, "seed": 9, "n_draws": 30},
             "X (6, 3) with 3 distinct points, k=5 (all distances reach 0 before the last centre), 30 draws"),
        Case("kmeanspp_properties", {"X": identical, "k": 2, "seed": 10, "n_draws": 10},
             "X (4, 3): four copies of one point, k=2, 10 draws"),
    ]


def reproducible_cases(rng) -> list[Case]:
    X = _mixture(rng, 40, 2, 4)
    uniform = rng.random((60, 2))
    return [
        Case("reproducible", {"X": X, "k": 4, "seed": 11, "function": "kmeans_plus_plus_init"},
             "kmeans_plus_plus_init(X (40, 2), 4, default_rng(11)) twice"),
        # one Lloyd step from a k-means++ start on structureless data: where the centres end depends
        # on the seeding, so code that draws from np.random instead of rng differs between the two calls
        # (a run to convergence on clustered data often reaches the same optimum from any seeding)
        Case("reproducible", {"X": uniform, "k": 8, "seed": 12, "function": "kmeans", "n_iter": 1},
             "kmeans(X (60, 2) uniform, 8, default_rng(12), n_iter=1) twice"),
    ]


def checks(rng: np.random.Generator) -> list[Check]:
    X = _mixture(rng, 20, 2, 3)
    return [
        Check("from a given init, run to convergence (scikit-learn's Lloyd gives the same)", converged_cases(rng),
              options=EXACT),
        Check("n_iter stops the run after that many updates", stopped_cases(rng), options=EXACT),
        Check("labels are the nearest returned centroid, also when n_iter stops the run", nearest_label_cases(rng),
              compare="property_match"),
        Check("an emptied cluster is re-seeded, never NaN", empty_cluster_cases(rng), compare="property_match"),
        Check("k = N, repeated and identical points", degenerate_cases(rng), compare="property_match"),
        Check("k-means++ picks rows of X, never a centre twice while a point is away from all",
              kmeanspp_property_cases(rng), compare="property_match"),
        Check("k-means++ samples with probability proportional to D^2", frequency_cases(rng),
              compare="property_match"),
        Check("the same seed gives the same result (every draw comes from rng)", reproducible_cases(rng),
              compare="property_match"),
        Check("well-separated blobs, k-means++ init: inertia within 5% of the optimum", blob_cases(rng),
              compare="property_match", options={"rtol": 0.05}),
        Check("leaves X and init unchanged", [
            Case("inputs_after_call", {"X": X, "k": 3, "seed": 13, "init": _init_rows(rng, X, 3)},
                 "X (20, 2) and init (3, 2) after kmeans(X, 3, rng, init=init)"),
            Case("inputs_after_call", {"X": X, "k": 3, "seed": 14}, "X (20, 2) after kmeans(X, 3, rng)"),
        ], options={"rtol": 0.0, "atol": 0.0}),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    """Sized so that a loop over the points is ~40x slower than the model answer while the [N, k, D]
    broadcast of the differences (np.linalg.norm(X[:, None] - C[None], axis=2)) stays near 3x: that
    ratio grows with D, to ~7x at D = 8 and ~11x at D = 16."""
    X = _mixture(rng, 4000, 4, 8, spread=1.5)
    args = {"X": X, "k": 8, "seed": 0, "init": _init_rows(rng, X, 8), "n_iter": 20, "tol": 0.0}
    return Efficiency(Case("kmeans_centroids", args, "X (4000, 4), k=8, init given, n_iter=20"), repeats=3)


# -- comparator -------------------------------------------------------------------------------------------

def _max_tv(n_cells: int, n_draws: int, delta: float = DELTA) -> float:
    """A total variation that two samples of n_draws from one distribution over n_cells exceed with
    probability below 2 * delta, whatever the distribution and however the two samplers use their rng.

    For one sample P^ of a distribution p: E TV(P^, p) <= 1/2 sum_i sqrt(p_i (1 - p_i) / n)
    <= 1/2 sqrt((n_cells - 1) / n) (Cauchy-Schwarz), and changing one draw moves TV(P^, p) by at most
    1/n, so by McDiarmid P(TV(P^, p) > E + t) <= exp(-2 n t^2) = delta for t = sqrt(ln(1/delta) / (2n)).
    The triangle inequality TV(P^, Q^) <= TV(P^, p) + TV(Q^, p) needs no independence between the two."""
    expected = 0.5 * math.sqrt((n_cells - 1) / n_draws)
    return 2.0 * (expected + math.sqrt(math.log(1.0 / delta) / (2.0 * n_draws)))


def _cell(names: list[str], index: tuple) -> str:
    return " -> ".join(names[i] for i in index)


def _compare_counts(got: np.ndarray, expected: np.ndarray, names: list[str], path: str) -> Mismatch | None:
    if not isinstance(got, np.ndarray) or got.shape != expected.shape:
        return Mismatch("structure", f"{path}: malformed frequency table")
    n = int(expected.sum())
    p, q = got / max(int(got.sum()), 1), expected / max(n, 1)
    tv = 0.5 * float(np.abs(p - q).sum())
    limit = _max_tv(expected.size, n)
    if tv <= limit:
        return None
    worst = np.unravel_index(int(np.abs(p - q).argmax()), p.shape)
    return Mismatch("value", (
        f"{path}: the centres' frequencies over {n} draws are not those of D^2 sampling: total variation "
        f"{tv:.2f} from the model answer's draws (a correct sampler stays below {limit:.2f}). "
        f"Most off: centres in [{_cell(names, worst)}] in {p[worst]:.0%} of your draws, {q[worst]:.0%} in the "
        "model answer's"))


# Broken properties that say the same thing, "the run did not end at a k-means solution": answers with
# one bug may break one or another depending on code the bug does not touch (a wrong distance in the
# loop only, or also in the final assignment), so they count as one when two results are compared.
SAME_CLASS = {"not-nearest": "not-a-solution", "empty": "not-a-solution", "not-means": "not-a-solution",
              "inertia": "not-a-solution"}  # "stranded" (an emptied centroid never re-seeded) stays apart


def _class(violation):
    return SAME_CLASS.get(violation, violation)


def property_match(got, expected, rtol: float = 0.05, path: str = "output", **_) -> Mismatch | None:
    """Same broken property (or none); then, where the case measures them, an inertia within rtol of
    the model answer's and k-means++ frequencies that pass the two-sample test."""
    if not isinstance(got, dict) or "violation" not in got:
        return Mismatch("structure", f"{path}: malformed result")
    if _class(got["violation"]) != _class(expected["violation"]):
        if got["violation"] is None:
            return Mismatch("value", f"{path}: no property broken, expected {expected['violation']}")
        return Mismatch("value", str(got.get("detail", got["violation"])))
    if expected["violation"] is not None:
        return None
    if "inertia" in expected:
        g, e = float(got["inertia"]), float(expected["inertia"])
        if not abs(g - e) <= rtol * abs(e) + 1e-9:
            return Mismatch("value", f"{path}: inertia {g:.6g}, but the optimum is {e:.6g} (allowed: within "
                                     f"{rtol:.0%}): a centre was wasted, e.g. two centres started in one blob")
    if "counts" in expected:
        return _compare_counts(got.get("counts"), expected["counts"], list(expected["names"]), path)
    return None
