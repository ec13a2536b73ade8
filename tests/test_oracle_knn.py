"""The knn model answer against an independent implementation: scikit-learn's
KNeighborsClassifier(algorithm="brute"), whose vote gives a tie to the smallest label (the first
maximum over its sorted classes_)."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sklearn.neighbors import KNeighborsClassifier

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("knn")
SOLUTION = PROBLEM.load_module("solution.py")
CHECKS = PROBLEM.load_module("checks.py")


def _assert_matches_sklearn(X_train, y_train, X_test, k) -> None:
    got = SOLUTION.knn_predict(X_train, y_train, X_test, k)
    ref = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(X_train, y_train).predict(X_test)
    assert got.shape == ref.shape
    np.testing.assert_array_equal(got, ref)


def _bank_cases():
    for check in PROBLEM.checks:
        for case in check.cases:
            yield pytest.param(case.args, id=f"{check.name}: {case.label}")


@pytest.mark.parametrize("args", list(_bank_cases()))
def test_bank_cases_match_sklearn(args):
    _assert_matches_sklearn(args["X_train"], args["y_train"], args["X_test"], args["k"])


def test_bank_tie_cases_really_tie():
    """Every test row of the tied-vote check has at least two labels sharing the top count, and the
    answer is the smallest of them, not the label of the nearest row."""
    (check,) = [c for c in PROBLEM.checks if c.name.startswith("tied votes")]
    for case in check.cases:
        a = case.args
        d2 = ((a["X_test"][:, None] - a["X_train"][None]) ** 2).sum(-1)
        order = np.argsort(d2, axis=1)[:, : a["k"]]
        for row, pred in zip(a["y_train"][order], SOLUTION.knn_predict(**a), strict=True):
            labels, counts = np.unique(row, return_counts=True)
            tied = labels[counts == counts.max()]
            assert len(tied) >= 2 and pred == tied.min() != row[0]


@settings(max_examples=80, deadline=None)
@given(n=st.integers(1, 40), m=st.integers(1, 10), d=st.integers(1, 5), data=st.data(),
       seed=st.integers(0, 2**32 - 1), n_labels=st.integers(1, 5))
def test_random_data_match_sklearn(n, m, d, data, seed, n_labels):
    """Vote ties happen often here (few neighbours, several labels); distance ties at the k-th are skipped."""
    k = data.draw(st.integers(1, n))
    rng = np.random.default_rng(seed)
    label_set = rng.choice(50, size=n_labels, replace=False)
    X_train, X_test = rng.standard_normal((n, d)), rng.standard_normal((m, d))
    y_train = label_set[rng.integers(n_labels, size=n)]
    assume(CHECKS._clear(X_train, y_train, X_test, k, ties_allowed=True))
    _assert_matches_sklearn(X_train, y_train, X_test, k)
