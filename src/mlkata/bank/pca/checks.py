"""Named checks for pca: inputs only; expected values come from the model answer.

Every fitted X is drawn here and kept only if it is far from what the contract leaves out: its top
k + 1 sample-covariance eigenvalues are at least 10% apart (relatively), and within each of the top
k eigenvectors the largest |entry| leads the next one by at least 0.05. Then the components are
well defined, the sign rule is never a coin toss, and float32 arithmetic lands within the tolerance.

The rows of X sit around a mean far from 0 (offsets of 3 to 8 against spreads of 0.3 to 3), so an
uncentred covariance has other axes. N <= 200, so dividing by N instead of N - 1 is off by at least
0.5%, far above the 1e-4 tolerance. Cases with k = D are where components returned as columns keep
the right shape, and most cases have k >= 2, where an ascending order shows. The sign rule is checked
on fits with k >= 8: a rule of thumb other than the contract's (no flip, the first entry positive)
then breaks it on at least one component with probability above 99.6% per case.
"""

import numpy as np

from mlkata.kit import Case, Check

TOLERANCE = {"rtol": 1e-4, "atol": 1e-4, "check_dtype": False}  # float32 arithmetic passes
GAP = 0.1     # relative gap between consecutive top eigenvalues
PEAK = 0.05   # lead of each component's largest |entry| over its second largest


def _orthonormal(rng, D: int) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal((D, D)))
    return q * np.sign(np.diag(r))                       # [D, D], a uniformly random rotation


def _well_posed(X: np.ndarray, k: int) -> bool:
    N = X.shape[0]
    Xc = X - X.mean(axis=0)
    lam, vec = np.linalg.eigh(Xc.T @ Xc / (N - 1))
    lam, vec = lam[::-1], vec[:, ::-1]
    top = lam[: k + 1]
    if (np.diff(top) > -GAP * top[:-1]).any():         # every step down is at least GAP relatively
        return False
    peaks = np.sort(np.abs(vec[:, :k]), axis=0)        # [D, k] ascending per column
    return bool((peaks[-1] - peaks[-2] >= PEAK).all()) if X.shape[1] > 1 else True


def _data(rng, N: int, D: int, k: int, ladder: bool = False) -> np.ndarray:
    """X [N, D]: a rotated Gaussian cloud with distinct spreads, around a mean far from 0; with `ladder`,
    variances in a geometric progression (ratio 1.5) so that many of them are well apart."""
    while True:
        spreads = 0.3 * 1.5 ** (np.arange(D) / 2) if ladder else rng.uniform(0.5, 3.0, size=D)
        offset = rng.uniform(3.0, 8.0, size=D) * rng.choice([-1.0, 1.0], size=D)
        X = (rng.standard_normal((N, D)) * spreads) @ _orthonormal(rng, D).T + offset
        if _well_posed(X, k):
            return X


FIT_SHAPES = [(30, 4, 2), (25, 5, 1), (20, 3, 3), (8, 10, 5), (40, 6, 4), (12, 6, 6)]
SIGN_SHAPES = [(150, 10, 9), (120, 9, 8), (200, 11, 10), (150, 10, 10)]


def _label(X: np.ndarray, k: int) -> str:
    N, D = X.shape
    note = ""
    if k == D:
        note = " (k = D)"
    elif N - 1 < D:
        note = " (fewer rows than features)"
    elif k == 1:
        note = " (k = 1)"
    return f"X {X.shape}, k={k}{note}"


def checks(rng: np.random.Generator) -> list[Check]:
    fitted = [(_data(rng, N, D, k), k) for N, D, k in FIT_SHAPES]
    signed = [(_data(rng, N, D, k, ladder=True), k) for N, D, k in SIGN_SHAPES]

    def fit_cases(call, data):
        return [Case(call, {"X": X, "k": k}, _label(X, k)) for X, k in data]

    given = []
    for N, D, k in [(10, 5, 2), (7, 4, 4), (1, 3, 1), (15, 6, 3)]:
        X = rng.standard_normal((N, D)) * 2.0 + rng.uniform(-5.0, 5.0, size=D)
        comps = _orthonormal(rng, D)[:k]                 # [k, D] orthonormal rows
        mu = rng.uniform(-5.0, 5.0, size=D)              # not X's own mean
        given.append(Case("transform", {"X": X, "components": comps, "mean": mu},
                          f"X {X.shape}, components ({k}, {D}), a given mean" + (" (k = D)" if k == D else "")))

    unchanged = []
    for N, D, k in [(12, 4, 2), (9, 3, 3)]:
        X = _data(rng, N, D, k)
        X_new = rng.standard_normal((5, D)) + X.mean(axis=0)
        unchanged.append(Case("inputs_after_calls", {"X": X, "k": k, "X_new": X_new},
                              f"X {X.shape}, k={k}, then a transform of 5 new rows"))

    return [
        Check("components (compared with each flipped to the sign rule)", fit_cases("components", fitted),
              options=TOLERANCE),
        Check("explained variance (ddof=1, descending)", fit_cases("explained_variance", fitted), options=TOLERANCE),
        Check("mean", fit_cases("mean", fitted[:3]), options=TOLERANCE),
        Check("sign rule: each component's largest |entry| is positive", fit_cases("sign_rule", signed),
              compare="exact"),
        Check("transform with given components and mean", given, options=TOLERANCE),
        Check("fit, then transform the same X (scores flipped with their components)",
              fit_cases("fit_transform", fitted[:4]), options=TOLERANCE),
        Check("leaves X unchanged", unchanged, compare="exact"),
    ]
