"""Named checks for knn: inputs only; expected values come from the model answer.

Distances never tie where it matters: for every test row, the k-th and (k+1)-th nearest training
rows are at squared distances at least 1e-3 apart relatively (float32 arithmetic, or the
|a|^2 - 2 a.b + |b|^2 expansion, picks the same k). Outside the check of tied votes no vote is tied,
so every rule for ties gives the model answer's labels there.

Tied votes are built by hand: around each test row (rows 100 apart), k training rows at increasing
distances carry a vote with two or three labels tied at the top, the smallest of them neither the
first nor the last of the tied labels to appear in distance order (with three), or the second (with
two); every other training row is at least twice as far. The labels come from a set that is not
0..K-1 and whose Python set order is not ascending, so no accidental rule picks the smallest.
Every case has k < N_train except the one that says k = N.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency

MARGIN = 1e-3
LABELS = np.array([3, 9, 14, 20, 41, 52])  # hash order in a set is 9, 41, 3, 20, 14, 52... not ascending


def _clear(X_train, y_train, X_test, k, ties_allowed=False) -> bool:
    """No near tie at the k-th distance, and (unless allowed) no tied vote."""
    d2 = ((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=-1)   # [M, N]
    order = np.argsort(d2, axis=1)
    sorted_d2 = np.take_along_axis(d2, order, axis=1)
    if k < X_train.shape[0]:
        kth, nxt = sorted_d2[:, k - 1], sorted_d2[:, k]
        if ((nxt - kth) < MARGIN * np.maximum(nxt, 1e-12)).any():
            return False
    if ties_allowed:
        return True
    for row in y_train[order[:, :k]]:
        counts = np.sort(np.unique(row, return_counts=True)[1])
        if len(counts) > 1 and counts[-1] == counts[-2]:
            return False
    return True


def _mixed(rng, N, M, D, k, labels, spread=1.5):
    """Overlapping classes (one Gaussian per label), test rows among them: votes are mixed."""
    while True:
        centres = rng.uniform(-spread, spread, size=(len(labels), D))
        which = rng.integers(len(labels), size=N)
        which[: len(labels)] = np.arange(len(labels))               # every label present
        y = np.asarray(labels, dtype=np.int64)[which]
        X = centres[which] + rng.standard_normal((N, D))
        T = rng.uniform(-spread, spread, size=(M, D)) + 0.5 * rng.standard_normal((M, D))
        if _clear(X, y, T, k):
            return X, y, T


def _case(X, y, T, k, note=""):
    label = f"X_train {X.shape}, X_test {T.shape}, k={k}, labels {sorted(set(y.tolist()))}{note}"
    return Case("predict", {"X_train": X, "y_train": y, "X_test": T, "k": k}, label)


def _tied_votes(rng, k: int, ways: int) -> list[int]:
    """k votes in distance order: `ways` labels tied at the top, the smallest of them neither first nor
    (with three or more) last to appear among them; any other votes fewer than the tied count."""
    while True:
        tied = rng.choice(LABELS, size=ways, replace=False)
        each = k // ways if k // ways >= 1 else 1
        rest = k - ways * each
        others = [label for label in LABELS if label not in tied]
        extra = list(rng.choice(others, size=rest, replace=rest > len(others)))
        if extra and max(extra.count(e) for e in extra) >= each:
            continue
        votes = [int(t) for t in tied for _ in range(each)] + [int(e) for e in extra]
        votes = [votes[i] for i in rng.permutation(len(votes))]
        appearance = list(dict.fromkeys(v for v in votes if v in tied))
        smallest = int(min(tied))
        if appearance[0] != smallest and (ways == 2 or appearance[-1] != smallest):
            return votes


def _tie_case(rng, D: int, plan: list[tuple[int, int]]):
    """(X_train, y_train, X_test): one test row per (k, ways) entry of the plan (one k for all), its k
    nearest training rows at radii 1 to 2 voting with `ways` labels tied, 3 decoys at radii 4 to 6."""
    X_parts, y_parts, T = [], [], []
    k = plan[0][0]
    for i, (_, ways) in enumerate(plan):
        centre = np.zeros(D)
        centre[0] = 100.0 * i
        T.append(centre)
        radii = np.sort(rng.uniform(1.0, 2.0, size=k))
        while np.diff(radii).min() < 0.02:
            radii = np.sort(rng.uniform(1.0, 2.0, size=k))
        directions = rng.standard_normal((k, D))
        directions /= np.linalg.norm(directions, axis=1, keepdims=True)
        X_parts.append(centre + radii[:, None] * directions)
        y_parts.append(_tied_votes(rng, k, ways))
        decoys = rng.standard_normal((3, D))                               # farther: radius 4 to 6
        decoys *= rng.uniform(4.0, 6.0, size=(3, 1)) / np.linalg.norm(decoys, axis=1, keepdims=True)
        X_parts.append(centre + decoys)
        y_parts.append(list(rng.choice(LABELS, size=3)))
    X, y = np.concatenate(X_parts), np.array(sum(y_parts, []), dtype=np.int64)
    order = rng.permutation(len(y))                                        # training rows in no special order
    return X[order], y[order], np.array(T)


def checks(rng: np.random.Generator) -> list[Check]:
    contiguous = np.arange(3)
    random_cases = [
        _case(*_mixed(rng, 30, 10, 3, 3, contiguous), 3),
        _case(*_mixed(rng, 50, 12, 4, 5, LABELS[[0, 2, 4]]), 5),
        _case(*_mixed(rng, 40, 10, 6, 7, LABELS), 7),
        _case(*_mixed(rng, 25, 8, 2, 4, np.array([5, 8])), 4),
    ]
    nearest = [
        _case(*_mixed(rng, 20, 8, 2, 1, LABELS[:4]), 1),
        _case(*_mixed(rng, 12, 5, 5, 1, contiguous), 1),
    ]
    ties = [
        _case(*_tie_case(rng, 2, [(2, 2)] * 4), 2, " (1-1 ties)"),
        _case(*_tie_case(rng, 3, [(4, 2)] * 4), 4, " (2-2 ties)"),
        _case(*_tie_case(rng, 2, [(3, 3)] * 4), 3, " (1-1-1 ties)"),
        _case(*_tie_case(rng, 4, [(6, 3), (6, 2), (6, 3)]), 6, " (2-2-2 and 3-3 ties)"),
        _case(*_tie_case(rng, 3, [(5, 2)] * 3), 5, " (2-2-1 ties)"),
    ]
    # k = N: every training row votes, so the majority of y_train (smallest on a tie)
    X_all = rng.standard_normal((7, 2))
    y_all = np.array([14, 3, 9, 14, 3, 9, 20])                             # a three-way tie: 3 wins
    X_maj = rng.standard_normal((9, 3))
    y_maj = np.array([41, 9, 41, 3, 41, 9, 3, 41, 20])
    whole = [
        _case(X_all, y_all, rng.standard_normal((3, 2)), 7, " (k = N, tied)"),
        _case(X_maj, y_maj, rng.standard_normal((2, 3)), 9, " (k = N)"),
    ]
    sparse = [
        _case(*_mixed(rng, 30, 10, 3, 3, np.array([100, 7, 1000])), 3),
        _case(*_mixed(rng, 20, 6, 2, 5, np.array([2, 999])), 5),
    ]
    small = [
        _case(*_mixed(rng, 15, 1, 3, 3, LABELS[:3]), 3, " (one test row)"),
        _case(*_mixed(rng, 18, 6, 1, 3, LABELS[1:4]), 3, " (one feature)"),
    ]
    return [
        Check("overlapping classes (no tied vote)", random_cases, compare="exact"),
        Check("k = 1: the label of the nearest row", nearest, compare="exact"),
        Check("tied votes go to the smallest tied label", ties, compare="exact"),
        Check("k = N_train: every row votes", whole, compare="exact"),
        Check("labels that are not 0..K-1", sparse, compare="exact"),
        Check("one test row, one feature", small, compare="exact"),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    """Measured against the model answer (an [M, N, D] broadcast): a double Python loop over test and
    training rows ~40x (the slowness warning), one loop over the test rows ~0.7x, the matrix-product
    form of the distances with argpartition ~0.1x."""
    centres = rng.uniform(-3.0, 3.0, size=(len(LABELS), 5))
    which = rng.integers(len(LABELS), size=1000)
    X, y = centres[which] + rng.standard_normal((1000, 5)), LABELS[which]
    T = rng.uniform(-3.0, 3.0, size=(100, 5))
    return Efficiency(_case(X, y, T, 5), repeats=3)
