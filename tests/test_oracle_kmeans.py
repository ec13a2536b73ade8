"""The kmeans model answer against scikit-learn, and the statistical checks against exact enumeration.

- From a given init, the model answer equals KMeans(init=..., n_init=1, algorithm="lloyd") on the
  bank's instances and on random ones; on well-separated blobs its inertia is within 5% of
  KMeans(n_init=10).
- Its k-means++ draws match exact enumeration of D^2 sampling, and so do those of
  sklearn.cluster.kmeans_plusplus with n_local_trials=1 (one candidate per step: plain D^2 sampling,
  not the greedy variant), which validates the enumeration itself.
- The numbers the checks rely on: every wrong sampling rule is far from D^2 sampling on the bank's
  configuration, the blob cases defeat k-means++ with probability below 1e-6, and alternative correct
  answers (other re-seeding, tolerance and distance choices, float32 arithmetic) pass every check, while
  other spellings of the catalogued bugs are diagnosed as them.
"""

import warnings

import numpy as np
import pytest
from sklearn.cluster import KMeans, kmeans_plusplus

from judging import edited, judge, summary
from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("kmeans")
SOLUTION = PROBLEM.load_module("solution.py")
CHECKS = PROBLEM.load_module("checks.py")
DRIVER = PROBLEM.load_module("driver.py")


def _sklearn_lloyd(X, init, n_iter, tol):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "explicit initial center position passed", ConvergenceWarning
        model = KMeans(n_clusters=len(init), init=init, n_init=1, algorithm="lloyd", max_iter=n_iter, tol=tol)
        return model.fit(X)


def _assert_matches_sklearn(X, k, init, n_iter, tol):
    centroids, labels = SOLUTION.kmeans(X, k, np.random.default_rng(0), n_iter=n_iter, tol=tol, init=init)
    reference = _sklearn_lloyd(X, init, n_iter, tol)
    np.testing.assert_allclose(centroids, reference.cluster_centers_, rtol=1e-9, atol=1e-9)
    np.testing.assert_array_equal(labels, reference.labels_)


def _bank_runs():
    for check in PROBLEM.checks:
        for case in check.cases:
            if case.call == "kmeans_centroids":  # its "kmeans_labels" twin has the same arguments
                yield pytest.param(case.args, id=case.label)


@pytest.mark.parametrize("args", list(_bank_runs()))
def test_bank_runs_from_init_match_sklearn(args):
    n_iter = 100 if args.get("n_iter") is None else args["n_iter"]
    tol = 1e-6 if args.get("tol") is None else args["tol"]
    _assert_matches_sklearn(args["X"], args["k"], args["init"], n_iter, tol)


def test_efficiency_case_matches_sklearn():
    args = PROBLEM.efficiency.case.args
    _assert_matches_sklearn(args["X"], args["k"], args["init"], args["n_iter"], args["tol"])


@pytest.mark.parametrize("seed", range(30))
def test_random_runs_from_init_match_sklearn(seed):
    """Random sizes, inits inside the data or its bounding box, run to convergence or cut by n_iter.
    Only instances where no cluster empties (re-seeding is a free choice) and no assignment is within
    1e-9 of a tie are kept."""
    rng = np.random.default_rng(seed)
    while True:
        N, D = int(rng.integers(5, 120)), int(rng.integers(1, 7))
        k = int(rng.integers(1, min(8, N) + 1))
        X = CHECKS._mixture(rng, N, D, int(rng.integers(1, 6)))
        init = CHECKS._init_rows(rng, X, k) if rng.random() < 0.5 else CHECKS._init_box(rng, X, k)
        run = CHECKS._trajectory(X, init)
        if run is not None and run[2] >= 1e-9:
            break
    updates = len(run[1])
    n_iter = 300 if rng.random() < 0.5 or updates < 2 else int(rng.integers(1, updates))
    _assert_matches_sklearn(X, k, init, n_iter, 0.0)


# -- inertia on well-separated blobs --------------------------------------------------------------------

def _blob_sets():
    for check in PROBLEM.checks:
        for case in check.cases:
            if case.call == "kmeans_inertia":
                yield pytest.param(case.args["X"], case.args["k"], id=case.label)
    rng = np.random.default_rng(0)
    for i in range(4):
        k = int(rng.integers(3, 9))
        X, _ = CHECKS._blobs(rng, rng.integers(10, 40, size=k), int(rng.integers(2, 6)), spacing=1e3)
        yield pytest.param(X, k, id=f"random blobs {i}: X {X.shape}, k={k}")


@pytest.mark.parametrize(("X", "k"), list(_blob_sets()))
def test_blob_inertia_within_5_percent_of_sklearns_best_of_10(X, k):
    best = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X).inertia_
    for seed in range(3):
        centroids, labels = SOLUTION.kmeans(X, k, np.random.default_rng(seed))
        inertia = ((X - centroids[labels]) ** 2).sum()
        assert inertia <= 1.05 * best, (seed, inertia, best)


def _blob_of(X: np.ndarray, radius: float) -> np.ndarray:
    """Each row's blob: rows closer than `radius` belong together (blobs are far apart)."""
    blob = -np.ones(len(X), dtype=int)
    for i in range(len(X)):
        if blob[i] < 0:
            blob[np.linalg.norm(X - X[i], axis=1) < radius] = blob.max() + 1
    return blob


def test_bank_blobs_defeat_kmeanspp_with_probability_below_1e_6():
    """At a k-means++ step with some blobs still without a centre, the chance of a new centre in an
    already covered blob is A / (A + B) <= A / B, where A (the covered points' D^2) is at most the sum
    over all points of their blob's squared diameter, and B (the uncovered points' D^2) is at least
    (smallest blob size) * (smallest distance between points of different blobs)^2. Over k - 1 steps
    the chance of any such miss is at most (k - 1) A / B. With one centre per blob, and every blob's
    diameter below the gap to the others, Lloyd keeps the blob partition: the optimum."""
    for check in PROBLEM.checks:
        for case in check.cases:
            if case.call != "kmeans_inertia":
                continue
            X, k = case.args["X"], case.args["k"]
            blob = _blob_of(X, radius=1e3)
            assert blob.max() + 1 == k
            diam2 = np.array([max(((X[blob == b][:, None] - X[blob == b][None]) ** 2).sum(-1).max(), 0)
                              for b in range(k)])
            gap2 = min(((X[blob == a][:, None] - X[blob == b][None]) ** 2).sum(-1).min()
                       for a in range(k) for b in range(k) if a != b)
            n_min = np.bincount(blob).min()
            assert diam2.max() < gap2
            assert (k - 1) * diam2[blob].sum() / (n_min * gap2) < 1e-6


# -- k-means++: exact enumeration ------------------------------------------------------------------------

def _group_table(X, k, groups, rule="D2"):
    """Exact probability of every sequence of groups of k centres (k <= 3) under a sampling rule:
    D2 (k-means++), D1 (D instead of D^2), uniform (among rows not yet chosen), farthest (argmax of D^2,
    first index on ties), last (D^2 to the last centre only), greedy (scikit-learn's: the best, by the
    total D^2 left, of 2 + int(ln k) independent D^2 candidates)."""
    N = len(X)
    G = int(groups.max()) + 1
    d2 = ((X[:, None] - X[None]) ** 2).sum(-1)  # [N, N]
    table = np.zeros((G,) * k)

    def weights(nearest, chosen, last):
        if rule == "D2":
            w = nearest.copy()
        elif rule == "D1":
            w = np.sqrt(nearest)
        elif rule == "uniform":
            w = np.ones(N)
            w[chosen] = 0.0
        elif rule == "farthest":
            w = np.zeros(N)
            w[np.argmax(nearest)] = 1.0
        elif rule == "greedy":
            q = nearest / nearest.sum()
            order = np.argsort(np.minimum(nearest[None], d2).sum(axis=1), kind="stable")  # best candidate first
            tail = np.append(np.cumsum(q[order][::-1])[::-1], 0.0)  # P(a candidate is order[r:])
            trials = 2 + int(np.log(k))
            w = np.zeros(N)
            w[order] = tail[:-1] ** trials - tail[1:] ** trials  # P(the best of the trials is order[r])
        else:  # last
            w = d2[last].copy()
        return w / w.sum() if w.sum() > 0 else np.full(N, 1.0 / N)

    def walk(chosen, prob, nearest):
        if len(chosen) == k:
            table[tuple(groups[chosen])] += prob
            return
        p = weights(nearest, chosen, chosen[-1])
        for j in np.flatnonzero(p):
            walk(chosen + [int(j)], prob * p[j], np.minimum(nearest, d2[j]))

    for i in range(N):
        walk([i], 1.0 / N, d2[i])
    return table


def _tv(p, q) -> float:
    return 0.5 * float(np.abs(p - q).sum())


def _rows_of(X, centres) -> np.ndarray:
    """The index of the row of X equal to each centre."""
    return np.array([int(np.flatnonzero((X == c).all(axis=1))[0]) for c in centres])


def _frequency_case(k):
    check = next(c for c in PROBLEM.checks if c.cases[0].call == "kmeanspp_frequencies")
    return next(case.args for case in check.cases if case.args["k"] == k)


def test_every_wrong_rule_is_far_from_d2_sampling_on_the_bank_configuration():
    """Far beyond the check's threshold, from D^2 sampling and from one another, so that every such
    answer fails and is told apart (the numbers quoted in checks.frequency_cases)."""
    args = _frequency_case(3)
    tables = {rule: _group_table(args["X"], 3, args["groups"], rule)
              for rule in ("D2", "D1", "uniform", "farthest", "last")}
    limit = CHECKS._max_tv(tables["D2"].size, args["n_draws"])
    assert limit < 0.26
    for a in tables:
        for b in tables:
            if a < b:
                assert _tv(tables[a], tables[b]) > limit + 0.15, (a, b)
    # scikit-learn's greedy variant is far from D^2 sampling too, but not from the farthest point:
    # the k = 2 configuration below tells those two apart
    greedy = _group_table(args["X"], 3, args["groups"], "greedy")
    assert _tv(greedy, tables["D2"]) > limit + 0.1
    assert _tv(greedy, tables["farthest"]) < limit
    # the first centre: a fixed first row (X[0]) is far from uniform
    first = _frequency_case(1)
    fixed = np.eye(4)[0]
    assert _tv(fixed, np.full(4, 0.25)) > CHECKS._max_tv(4, first["n_draws"]) + 0.3


def _one_sample_bound(p, n_draws, delta=1e-6):
    """TV(empirical of n_draws from p, p) exceeds this with probability below delta: the expectation
    is at most 1/2 sum_i sqrt(p_i (1 - p_i) / n), and McDiarmid adds sqrt(ln(1/delta) / (2n))."""
    p = np.asarray(p).ravel()
    return 0.5 * np.sqrt(p * (1 - p) / n_draws).sum() + np.sqrt(np.log(1 / delta) / (2 * n_draws))


def test_rings_configuration_tells_greedy_from_the_farthest_point():
    """On the k = 2 case, measured against the bank's own expected draws (the model answer's, fixed by
    the case's seed): every farthest-point or uniform sampler fails, whatever its use of the rng, and
    every greedy one passes, each except with probability below 1e-6. So a greedy answer contradicts
    kmeanspp-farthest-point and is diagnosed as kmeanspp-greedy (see checks.frequency_cases)."""
    args = _frequency_case(2)
    X, groups, n = args["X"], args["groups"], args["n_draws"]
    expected = DRIVER.kmeanspp_frequencies(SOLUTION, X, 2, groups, args["names"], args["seed"], n)["counts"] / n
    limit = CHECKS._max_tv(expected.size, n)
    tables = {rule: _group_table(X, 2, groups, rule) for rule in ("D2", "farthest", "uniform", "greedy")}
    assert _tv(expected, tables["D2"]) < _one_sample_bound(tables["D2"], n)
    for rule in ("farthest", "uniform"):
        assert _tv(expected, tables[rule]) - _one_sample_bound(tables[rule], n) > limit, rule
    assert _tv(expected, tables["greedy"]) + _one_sample_bound(tables["greedy"], n) < limit
    assert _tv(tables["greedy"], tables["D2"]) < 0.07 and _tv(tables["farthest"], tables["D2"]) > 0.9


def _one_sample_limit(n_cells, n_draws, delta=1e-6):
    """TV(empirical, exact) exceeds this with probability below delta (see checks._max_tv)."""
    return CHECKS._max_tv(n_cells, n_draws, delta) / 2


def test_model_kmeanspp_matches_exact_d2_on_the_bank_configuration():
    args = _frequency_case(3)
    exact = _group_table(args["X"], 3, args["groups"])
    rng = np.random.default_rng(1)
    counts = np.zeros_like(exact)
    n = 4000
    for _ in range(n):
        rows = _rows_of(args["X"], SOLUTION.kmeans_plus_plus_init(args["X"], 3, rng))
        counts[tuple(args["groups"][rows])] += 1
    assert _tv(counts / n, exact) < _one_sample_limit(exact.size, n)




@pytest.mark.parametrize("seed", range(2))
def test_model_and_sklearn_kmeanspp_match_exact_d2_on_small_sets(seed):
    """Ordered pairs (k = 2) and triples (k = 3) of row indices on 4 or 5 random points: the model's
    draws and sklearn's kmeans_plusplus(n_local_trials=1) both agree with the enumeration."""
    rng = np.random.default_rng(100 + seed)
    N, k = (4, 2) if seed == 0 else (5, 3)
    X = rng.standard_normal((N, 2)) * rng.uniform(0.2, 3.0, size=(N, 1))
    exact = _group_table(X, k, np.arange(N))
    n = 2000
    ours, theirs = np.zeros_like(exact), np.zeros_like(exact)
    draws = np.random.default_rng(seed)
    for i in range(n):
        ours[tuple(_rows_of(X, SOLUTION.kmeans_plus_plus_init(X, k, draws)))] += 1
        _, indices = kmeans_plusplus(X, k, random_state=i, n_local_trials=1)
        theirs[tuple(indices)] += 1
    limit = _one_sample_limit(exact.size, n)
    assert _tv(ours / n, exact) < limit
    assert _tv(theirs / n, exact) < limit


# -- other correct answers pass, other spellings of the bugs are diagnosed -----------------------------

@pytest.fixture(scope="module")
def judged():
    return judge(PROBLEM)


LOOPS = '''
import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    idx = [rng.integers(len(X))]
    d2 = np.sum((X - X[idx[0]]) ** 2, axis=1)
    while len(idx) < k:
        cum = np.cumsum(d2)
        if cum[-1] <= 0:
            idx.append(rng.integers(len(X)))
        else:
            idx.append(min(int(np.searchsorted(cum, rng.random() * cum[-1], side="right")), len(X) - 1))
        d2 = np.minimum(d2, np.sum((X - X[idx[-1]]) ** 2, axis=1))
    return np.array([X[i] for i in idx])


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else init.copy()
    labels = None
    for _ in range(n_iter):
        new_labels = np.stack([np.linalg.norm(X - c, axis=1) for c in C], axis=1).argmin(axis=1)
        if labels is not None and np.array_equal(new_labels, labels):
            break
        labels = new_labels
        new = C.copy()
        for j in range(k):
            if (labels == j).any():
                new[j] = X[labels == j].mean(axis=0)
            else:  # a random point that is not already a centroid
                free = [i for i in range(len(X)) if not (C == X[i]).all(axis=1).any()]
                new[j] = X[rng.choice(free)] if free else X[rng.integers(len(X))]
        C = new
    return C, np.stack([np.linalg.norm(X - c, axis=1) for c in C], axis=1).argmin(axis=1)
'''

SKLEARN_LIKE = '''
import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    centers = np.empty((k, X.shape[1]))
    centers[0] = X[rng.choice(len(X))]
    closest = ((X - centers[0]) ** 2).sum(-1)
    for c in range(1, k):
        total = closest.sum()
        i = rng.choice(len(X), p=closest / total if total > 0 else None)
        centers[c] = X[i]
        closest = np.minimum(closest, ((X - X[i]) ** 2).sum(-1))
    return centers


def _dist(X, C):
    return (X * X).sum(1)[:, None] - 2 * X @ C.T + (C * C).sum(1)[None, :]


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = np.array(init, dtype=float) if init is not None else kmeans_plus_plus_init(X, k, rng)
    tol = tol * np.mean(np.var(X, axis=0))  # scikit-learn's scaling
    for _ in range(n_iter):
        d = _dist(X, C)
        labels = d.argmin(1)
        sums = np.zeros_like(C)
        np.add.at(sums, labels, X)
        counts = np.bincount(labels, minlength=k)
        new = sums / np.maximum(counts, 1)[:, None]
        empty = np.flatnonzero(counts == 0)
        far = np.argsort(d[np.arange(len(X)), labels])[::-1][: len(empty)]
        for j, i in zip(empty, far):  # relocate, and take the point out of its old cluster
            new[j] = X[i]
            old = labels[i]
            if counts[old] > 1:
                sums[old] -= X[i]
                counts[old] -= 1
                new[old] = sums[old] / counts[old]
        shift = ((new - C) ** 2).sum()
        C = new
        if shift <= tol:
            break
    return C, _dist(X, C).argmin(1)
'''

FLOAT32 = '''
import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    chosen = [int(rng.integers(len(X)))]
    for _ in range(k - 1):
        d2 = ((X[:, None, :] - X[chosen][None]) ** 2).sum(-1).min(1)
        total = d2.sum()
        chosen.append(int(rng.choice(len(X), p=d2 / total)) if total > 0 else int(rng.integers(len(X))))
    return X[chosen].copy()


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    X32 = X.astype(np.float32)
    C = (kmeans_plus_plus_init(X, k, rng) if init is None else init).astype(np.float32)
    for _ in range(n_iter):
        labels = ((X32[:, None, :] - C[None]) ** 2).sum(-1).argmin(1)
        onehot = np.eye(k, dtype=np.float32)[labels]
        counts = onehot.sum(0)
        new = (onehot.T @ X32) / np.maximum(counts, 1)[:, None]
        for j in np.flatnonzero(counts == 0):  # split the largest cluster: one of its points
            members = np.flatnonzero(labels == np.argmax(counts))
            new[j] = X32[rng.choice(members)]
        moved = float(((new - C) ** 2).sum())
        C = new
        if moved < tol:
            break
    return C.astype(np.float64), ((X32[:, None, :] - C[None]) ** 2).sum(-1).argmin(1)
'''

# the |x|^2 - 2 x.c + |c|^2 form unclipped, a CDF scan for k-means++, the stop taken without applying
# the last (tiny) update, int32 labels
EXPANDED_CDF = '''
import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    idx = [rng.integers(len(X))]
    for _ in range(k - 1):
        d2 = ((X[:, None] - X[idx][None]) ** 2).sum(-1).min(-1)
        if d2.sum() == 0:
            idx.append(rng.integers(len(X)))
            continue
        cdf = np.cumsum(d2) / d2.sum()
        idx.append(int(np.argmax(cdf > rng.random())))
    return X[np.array(idx)]


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else init.copy()
    sq = np.einsum("ij,ij->i", X, X)

    def assign(C):
        d = sq[:, None] - 2.0 * np.einsum("nd,kd->nk", X, C) + np.einsum("kd,kd->k", C, C)[None]
        return d.argmin(1).astype(np.int32), d

    for _ in range(n_iter):
        labels, d = assign(C)
        new = C.copy()
        empty = [j for j in range(k) if not (labels == j).any()]
        for j in range(k):
            if j not in empty:
                new[j] = X[labels == j].mean(axis=0)
        if empty:
            new[empty] = X[np.argsort(d[np.arange(len(X)), labels])[::-1][: len(empty)]]
        if ((new - C) ** 2).sum() <= tol:
            break
        C = new
    return C, assign(C)[0]
'''

# stops when the inertia no longer drops by more than tol; re-seeds on a random point that is not a
# centroid; k-means++ by rng.uniform and searchsorted
INERTIA_STOP = '''
import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    ids = [rng.integers(len(X))]
    d2 = np.sum((X - X[ids[0]]) ** 2, axis=1)
    for _ in range(1, k):
        if d2.sum() == 0:
            ids.append(rng.integers(len(X)))
            continue
        ids.append(min(int(np.searchsorted(np.cumsum(d2), rng.uniform(0, d2.sum()), side="right")), len(X) - 1))
        d2 = np.minimum(d2, np.sum((X - X[ids[-1]]) ** 2, axis=1))
    return X[np.array(ids)].copy()


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = np.array(init, float) if init is not None else kmeans_plus_plus_init(X, k, rng)
    previous = np.inf
    for _ in range(n_iter):
        D = np.sum((X[:, None, :] - C[None]) ** 2, axis=2)
        labels = D.argmin(axis=1)
        inertia = D[np.arange(len(X)), labels].sum()
        if previous - inertia <= tol:
            break
        previous = inertia
        new = np.empty_like(C)
        for j in range(k):
            if (labels == j).any():
                new[j] = X[labels == j].mean(axis=0)
            else:
                taken = (X[:, None, :] == np.vstack([new[:j], C[j + 1:]])[None]).all(-1).any(1)
                free = np.flatnonzero(~taken)
                new[j] = X[rng.choice(free)] if len(free) else X[rng.integers(len(X))]
        C = new
    return C, np.sum((X[:, None, :] - C[None]) ** 2, axis=2).argmin(axis=1)
'''

# empty clusters re-seeded before the means, one at a time, re-assigning after each; k-means++
# recomputing the distances to every chosen centre at each step
RESEED_FIRST = '''
import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    C = np.empty((k, X.shape[1]))
    C[0] = X[rng.integers(len(X))]
    for j in range(1, k):
        d2 = ((X[:, None, :] - C[None, :j, :]) ** 2).sum(axis=2).min(axis=1)
        C[j] = X[rng.choice(len(X), p=d2 / d2.sum())] if d2.sum() > 0 else X[rng.integers(len(X))]
    return C


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else np.array(init, dtype=float)
    N = len(X)
    for _ in range(n_iter):
        D = ((X[:, None, :] - C[None]) ** 2).sum(-1)
        labels = D.argmin(1)
        counts = np.bincount(labels, minlength=k)
        while (counts == 0).any():
            own = D[np.arange(N), labels]
            if own.max() == 0:
                break
            C[np.flatnonzero(counts == 0)[0]] = X[own.argmax()]
            D = ((X[:, None, :] - C[None]) ** 2).sum(-1)
            labels = D.argmin(1)
            counts = np.bincount(labels, minlength=k)
        new = C.copy()
        for j in np.flatnonzero(counts):
            new[j] = X[labels == j].mean(0)
        shift = ((new - C) ** 2).sum()
        C = new
        if shift <= tol:
            break
    return C, ((X[:, None, :] - C[None]) ** 2).sum(-1).argmin(1)
'''

# float32 with the |x|^2 - 2 x.c + |c|^2 form; an empty cluster takes the farthest point of the
# largest cluster; float32 centroids returned
FLOAT32_EXPANDED = '''
import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    chosen = [int(rng.integers(len(X)))]
    d2 = ((X - X[chosen[0]]) ** 2).sum(1)
    for _ in range(k - 1):
        total = d2.sum()
        chosen.append(int(rng.choice(len(X), p=d2 / total)) if total > 0 else int(rng.integers(len(X))))
        d2 = np.minimum(d2, ((X - X[chosen[-1]]) ** 2).sum(1))
    return X[chosen]


def _d(X, C):
    return (X * X).sum(1, keepdims=True) - 2 * X @ C.T + (C * C).sum(1)


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    X = X.astype(np.float32)
    C = (kmeans_plus_plus_init(X, k, rng) if init is None else init).astype(np.float32)
    for _ in range(n_iter):
        d = _d(X, C)
        labels = d.argmin(1)
        counts = np.bincount(labels, minlength=k).astype(np.float32)
        sums = np.zeros_like(C)
        np.add.at(sums, labels, X)
        new = sums / np.maximum(counts, 1)[:, None]
        for j in np.flatnonzero(counts == 0):
            big = int(counts.argmax())
            members = np.flatnonzero(labels == big)
            new[j] = X[members[np.argmax(d[members, big])]]
            counts[big] -= 1
        shift = ((new - C) ** 2).sum()
        C = new
        if shift <= tol:
            break
    return C, _d(X, C).argmin(1)
'''

# in-place updates after a copy, the largest coordinate move as the stop rule, the first centre from
# rng.random()
IN_PLACE = '''
import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    C = X[[int(np.floor(rng.random() * len(X)))]]
    while len(C) < k:
        diff = X[:, None, :] - C[None]
        d2 = np.einsum("nkd,nkd->nk", diff, diff).min(axis=1)
        nxt = int(rng.choice(len(X), p=d2 / d2.sum())) if d2.sum() > 0 else int(rng.integers(len(X)))
        C = np.concatenate([C, X[[nxt]]])
    return C


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else init.copy()

    def assign(C):
        return ((X[:, None, :] - C[None]) ** 2).sum(-1).argmin(1)

    for _ in range(n_iter):
        labels = assign(C)
        old = C.copy()
        own = ((X - C[labels]) ** 2).sum(1)
        for j in range(k):
            if (labels == j).any():
                C[j] = X[labels == j].mean(0)
            else:
                i = int(np.argmax(own))
                C[j] = X[i]
                own[i] = -1.0
        if np.abs(C - old).max() <= tol:
            break
    return C, assign(C)
'''

# a plain answer written the way many people write it, then the same bugs spelled differently from
# the catalogue's variants
PLAIN = '''
import numpy as np


def kmeans_plus_plus_init(X, k, rng):
    N = len(X)
    chosen = [int(rng.integers(N))]
    d2 = ((X - X[chosen[0]]) ** 2).sum(1)
    for _ in range(k - 1):
        tot = d2.sum()
        i = int(rng.choice(N, p=d2 / tot)) if tot > 0 else int(rng.integers(N))  # PICK
        chosen.append(i)
        d2 = np.minimum(d2, ((X - X[i]) ** 2).sum(1))
    return X[chosen].copy()


def kmeans(X, k, rng, n_iter=100, tol=1e-6, init=None):
    C = kmeans_plus_plus_init(X, k, rng) if init is None else init.copy()
    for _ in range(n_iter):
        labels = np.linalg.norm(X[:, None] - C[None, :], axis=2).argmin(axis=1)  # LOOP
        new = np.empty_like(C)
        for c in range(k):
            mask = labels == c
            if mask.any():
                new[c] = X[mask].mean(axis=0)
            else:
                new[c] = X[rng.integers(len(X))]  # EMPTY
        done = ((new - C) ** 2).sum() <= tol
        C = new
        if done:
            break
    labels = np.linalg.norm(X[:, None] - C[None, :], axis=2).argmin(axis=1)  # FINAL
    return C, labels
'''

ALTERNATIVES = {"loops": LOOPS, "sklearn-like": SKLEARN_LIKE, "float32": FLOAT32, "expanded-cdf": EXPANDED_CDF,
                "inertia-stop": INERTIA_STOP, "reseed-first": RESEED_FIRST, "float32-expanded": FLOAT32_EXPANDED,
                "in-place": IN_PLACE}


@pytest.mark.parametrize("source", [*ALTERNATIVES.values(), PLAIN], ids=[*ALTERNATIVES, "plain"])
def test_other_correct_answers_pass_every_check(judged, source):
    assert judged.failing_cases(source) == []


FINAL = "    labels = np.linalg.norm(X[:, None] - C[None, :], axis=2).argmin(axis=1)  # FINAL\n"
SPELLINGS = {
    "distance-wrong-axis": [("axis=2).argmin(axis=1)  # LOOP", "axis=1).argmin(axis=1)  # LOOP"),
                            (FINAL, FINAL.replace("axis=2", "axis=1"))],
    "stale-labels": [(FINAL, "")],
    "empty-cluster-nan": [("            if mask.any():\n", "            if True:\n")],
    "empty-cluster-not-reseeded": [("X[rng.integers(len(X))]  # EMPTY", "0.0")],
    "kmeanspp-uniform": [("    chosen = [int(rng.integers(N))]\n",
                          "    return X[rng.choice(N, k, replace=False)].copy()\n")],
    "kmeanspp-not-squared": [("p=d2 / tot)", "p=np.sqrt(d2) / np.sqrt(d2).sum())")],
    "kmeanspp-zero-total": [("int(rng.choice(N, p=d2 / tot)) if tot > 0 else int(rng.integers(N))",
                             "int(rng.choice(N, p=d2 / tot))")],
    "ignores-rng": [("int(rng.choice(N, p=d2 / tot))", "int(np.random.choice(N, p=d2 / tot))")],
    "kmeanspp-greedy": [("        i = int(rng.choice(N, p=d2 / tot)) if tot > 0 else int(rng.integers(N))  # PICK\n",
                         "        cands = rng.choice(N, size=3, p=d2 / tot) if tot > 0 else [rng.integers(N)]\n"
                         "        i = int(min(cands, key=lambda c: np.minimum(d2, ((X - X[c]) ** 2).sum(1)).sum()))\n"
                         )],
    "kmeanspp-fixed-first-centre": [("    chosen = [int(rng.integers(N))]\n", "    chosen = [0]\n")],
    "convergence-check-aliased": [("        new = np.empty_like(C)\n", "        new = C\n")],
}


@pytest.mark.parametrize("mistake_id", list(SPELLINGS))
def test_other_spellings_of_a_mistake_are_diagnosed_as_it(judged, mistake_id):
    ranked = judged.ranked(edited(PLAIN, SPELLINGS[mistake_id]), mistake_id)
    assert ranked and ranked[0].mistake_id == mistake_id, summary(ranked)
