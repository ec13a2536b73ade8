"""The pca model answer against an independent implementation: scikit-learn's PCA (full SVD), whose
components_ follow the contract's sign rule since 1.5 (each row's entry of largest |value| positive)
and whose explained_variance_ divides by N - 1."""

import numpy as np
import pytest
import sklearn
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sklearn.decomposition import PCA

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("pca")
SOLUTION = PROBLEM.load_module("solution.py")
CHECKS = PROBLEM.load_module("checks.py")
TOL = {"rtol": 1e-9, "atol": 1e-10}


def test_scikit_learn_has_the_sign_rule():
    assert tuple(int(p) for p in sklearn.__version__.split(".")[:2]) >= (1, 5)


def _assert_fit_matches_sklearn(X: np.ndarray, k: int) -> None:
    before = X.copy()
    components, variance, mean = SOLUTION.pca_fit(X, k)
    np.testing.assert_array_equal(X, before)
    ref = PCA(n_components=k, svd_solver="full").fit(X)
    np.testing.assert_allclose(components, ref.components_, **TOL)
    np.testing.assert_allclose(variance, ref.explained_variance_, **TOL)
    np.testing.assert_allclose(mean, ref.mean_, **TOL)
    np.testing.assert_allclose(SOLUTION.pca_transform(X, components, mean), ref.transform(X), **TOL)


def _bank_cases(call: str):
    for check in PROBLEM.checks:
        for case in check.cases:
            if case.call == call:
                yield pytest.param(case.args, id=f"{check.name}: {case.label}")


@pytest.mark.parametrize("args", [*_bank_cases("components"), *_bank_cases("sign_rule")])
def test_bank_fits_match_sklearn(args):
    _assert_fit_matches_sklearn(args["X"], args["k"])


@pytest.mark.parametrize("args", list(_bank_cases("transform")))
def test_bank_transforms_with_given_parameters_match_sklearn(args):
    k, D = args["components"].shape
    ref = PCA(n_components=k, svd_solver="full").fit(np.random.default_rng(0).standard_normal((D + 2, D)))
    ref.components_, ref.mean_ = args["components"], args["mean"]
    got = SOLUTION.pca_transform(args["X"], args["components"], args["mean"])
    np.testing.assert_allclose(got, ref.transform(args["X"]), **TOL)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(3, 40), d=st.integers(1, 8), data=st.data(), seed=st.integers(0, 2**32 - 1))
def test_random_well_posed_fits_match_sklearn(n, d, data, seed):
    k = data.draw(st.integers(1, min(n - 1, d)))
    rng = np.random.default_rng(seed)
    X = (rng.standard_normal((n, d)) * rng.uniform(0.2, 5.0, size=d)) @ CHECKS._orthonormal(rng, d).T
    X += rng.uniform(-10.0, 10.0, size=d)
    assume(CHECKS._well_posed(X, k))
    _assert_fit_matches_sklearn(X, k)
    new = rng.standard_normal((4, d)) + X.mean(axis=0)
    components, _, mean = SOLUTION.pca_fit(X, k)
    ref = PCA(n_components=k, svd_solver="full").fit(X)
    np.testing.assert_allclose(SOLUTION.pca_transform(new, components, mean), ref.transform(new), **TOL)
