"""The linear_regression model answer against scikit-learn: Ridge(alpha = N * l2, solver="svd") for
l2 > 0 and a least-squares solve (np.linalg.lstsq on [X, 1], an SVD) for l2 = 0, on the bank's cases
and on random ones; gradient descent with the checks' step plan ends at the same minimiser.

Ridge minimises ||Xw + b - y||^2 + alpha ||w||^2 with an unpenalised intercept; dividing by 2N gives
the contract's (1/2N)||Xw + b - y||^2 + (l2/2)||w||^2 for alpha = N * l2.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import Ridge

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("linear_regression")
SOLUTION = PROBLEM.load_module("solution.py")
CHECKS = PROBLEM.load_module("checks.py")


def _exact(X, y, l2):
    """The minimiser by scikit-learn (l2 > 0) or an SVD least-squares solve (l2 = 0)."""
    if l2 > 0:
        model = Ridge(alpha=X.shape[0] * l2, solver="svd").fit(X, y)
        return model.coef_, float(model.intercept_)
    theta, *_ = np.linalg.lstsq(np.hstack([X, np.ones((X.shape[0], 1))]), y, rcond=None)
    return theta[:-1], float(theta[-1])


def _bank_cases(call: str):
    for check in PROBLEM.checks:
        for case in check.cases:
            if case.call == call:
                yield pytest.param(check.name, case.args, id=f"{check.name}: {case.label}")


def _assert_close(got, X, y, l2, tol):
    w, b = got
    ref_w, ref_b = _exact(X, y, l2)
    assert w.shape == ref_w.shape
    np.testing.assert_allclose(w, ref_w, rtol=tol, atol=tol)
    assert b == pytest.approx(ref_b, rel=tol, abs=tol)


@pytest.mark.parametrize(("check", "args"), list(_bank_cases("closed_form")))
def test_closed_form_bank_cases_match_sklearn(check, args):
    tol = 1e-6 if "ill-conditioned" in check else 1e-10  # the checks allow 1e-4 and 1e-5
    X, y, l2 = args["X"], args["y"], args.get("l2", 0.0)
    _assert_close(SOLUTION.fit_closed_form(X.copy(), y.copy(), l2), X, y, l2, tol)


@pytest.mark.parametrize(("check", "args"), list(_bank_cases("gradient_descent")))
def test_gradient_descent_bank_cases_reach_the_exact_fit(check, args):
    args = dict(args)
    X, y = args.pop("X"), args.pop("y")
    _assert_close(SOLUTION.fit_gradient_descent(X.copy(), y.copy(), **args), X, y, args.get("l2", 0.0), 1e-10)


def test_default_case_curvatures_let_lr_01_converge_in_1000_steps():
    """lr = 0.1 is stable (curvature < 20) and 1000 steps shrink the slowest direction by e^-40 or more."""
    (args,) = [a for c, a in (p.values for p in _bank_cases("gradient_descent")) if "default" in c]
    X = args["X"]
    Xb = np.hstack([X, np.ones((X.shape[0], 1))])
    low, high = np.linalg.eigvalsh(Xb.T @ Xb / X.shape[0])[[0, -1]]
    assert high < 4 and 0.1 * low * 1000 > 40


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 60), d=st.integers(1, 8), seed=st.integers(0, 2**32 - 1),
       l2=st.sampled_from([0.0, 0.01, 0.3, 2.0]), shift=st.sampled_from([0.0, 1.0, 5.0]))
def test_closed_form_random_matches_sklearn(n, d, seed, l2, shift):
    if l2 == 0 and n <= d + 1:
        n = d + 2  # l2 = 0 needs [X, 1] of full column rank
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d)) + shift * rng.standard_normal(d)
    y = X @ rng.standard_normal(d) + rng.normal(0, 3) + rng.standard_normal(n)
    _assert_close(SOLUTION.fit_closed_form(X, y, l2), X, y, l2, 1e-7)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(10, 60), d=st.integers(1, 5), seed=st.integers(0, 2**32 - 1),
       l2=st.sampled_from([0.0, 0.1, 1.0]))
def test_gradient_descent_random_with_the_checks_step_plan_reaches_sklearn(n, d, seed, l2):
    X, y = CHECKS._data(np.random.default_rng(seed), n, d)
    lr, n_iter = CHECKS._step_plan(X, l2)
    _assert_close(SOLUTION.fit_gradient_descent(X, y, lr=lr, n_iter=n_iter, l2=l2), X, y, l2, 1e-8)
