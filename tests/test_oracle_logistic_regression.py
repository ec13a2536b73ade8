"""The logistic_regression model answer against independent implementations: torch autograd for
the loss and its gradients, scikit-learn's LogisticRegression for the minimiser that fit must reach.

scikit-learn minimises (1/2)||w||^2 + C * sum_i BCE_i with an unpenalised intercept (lbfgs);
dividing by C * N gives mean BCE + (1 / (2 C N)) ||w||^2, the contract's loss for C = 1 / (N * l2).
"""

import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import LogisticRegression

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("logistic_regression")
SOLUTION = PROBLEM.load_module("solution.py")


def _bank_cases(call: str):
    for check in PROBLEM.checks:
        for case in check.cases:
            if case.call == call:
                yield pytest.param(case.args, id=f"{check.name}: {case.label}")


# -- sigmoid -------------------------------------------------------------------------------------

def _assert_sigmoid_matches_torch(z: np.ndarray) -> None:
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
        warnings.simplefilter("error")  # any floating-point warning fails the test
        got = SOLUTION.sigmoid(z.copy())
    expected = torch.sigmoid(torch.from_numpy(z.astype(np.float64))).numpy()
    assert got.shape == z.shape
    rtol, atol = (1e-6, 1e-7) if z.dtype == np.float32 else (1e-13, 1e-300)
    np.testing.assert_allclose(got, expected, rtol=rtol, atol=atol)


@pytest.mark.parametrize("args", list(_bank_cases("sigmoid")) + list(_bank_cases("sigmoid_warnings")))
def test_sigmoid_bank_cases_match_torch_without_warnings(args):
    _assert_sigmoid_matches_torch(args["z"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-1e4, 1e4), min_size=1, max_size=30), st.booleans())
def test_sigmoid_random_matches_torch_without_warnings(values, single):
    _assert_sigmoid_matches_torch(np.array(values, dtype=np.float32 if single else np.float64))


# -- loss and gradients ----------------------------------------------------------------------------

def _torch_loss_and_grad(w, b, X, y, l2):
    wt = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    bt = torch.tensor(float(b), dtype=torch.float64, requires_grad=True)
    z = torch.from_numpy(X) @ wt + bt
    loss = F.binary_cross_entropy_with_logits(z, torch.from_numpy(np.asarray(y, dtype=np.float64)))
    loss = loss + 0.5 * l2 * (wt * wt).sum()
    loss.backward()
    return loss.item(), wt.grad.numpy(), bt.grad.item()


def _assert_loss_matches_torch(w, b, X, y, l2) -> None:
    loss, dw, db = SOLUTION.logistic_loss_and_grad(w.copy(), b, X.copy(), y.copy(), l2)
    t_loss, t_dw, t_db = _torch_loss_and_grad(w, b, X, y, l2)
    assert isinstance(loss, float) and isinstance(db, float) and dw.shape == w.shape
    assert np.isfinite(loss)
    np.testing.assert_allclose(loss, t_loss, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dw, t_dw, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(db, t_db, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("args", list(_bank_cases("loss_and_grad")))
def test_loss_and_grad_bank_cases_match_torch_autograd(args):
    _assert_loss_matches_torch(args["w"], args["b"], args["X"], args["y"], args.get("l2", 0.0))


@settings(max_examples=80, deadline=None)
@given(
    n=st.integers(1, 40), d=st.integers(1, 8), seed=st.integers(0, 2**32 - 1),
    scale=st.sampled_from([0.1, 1.0, 10.0, 100.0, 1000.0]), l2=st.sampled_from([0.0, 0.01, 0.5, 3.0]),
    int_labels=st.booleans(),
)
def test_loss_and_grad_random_match_torch_autograd(n, d, seed, scale, l2, int_labels):
    """Logits from ~0.1 to ~1000 in size: the saturated ones must stay finite and exact."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d)) * scale
    w, b = rng.standard_normal(d), float(rng.standard_normal())
    y = (rng.random(n) < 0.5).astype(np.int64 if int_labels else np.float64)
    _assert_loss_matches_torch(w, b, X, y, l2)


def test_saturated_loss_is_about_abs_logit():
    """Confidently wrong at z = -500 (y = 1) costs ~500; confidently right costs ~0."""
    X = np.array([[-500.0], [500.0], [-500.0]])
    loss, _, _ = SOLUTION.logistic_loss_and_grad(np.ones(1), 0.0, X, np.array([1.0, 1.0, 0.0]))
    assert loss == pytest.approx(500.0 / 3, rel=1e-12)


# -- fit against scikit-learn's optimum ------------------------------------------------------------

def _sklearn_optimum(X, y, l2):
    C = np.inf if l2 == 0 else 1.0 / (X.shape[0] * l2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tiny tol can end in a ConvergenceWarning at machine precision
        model = LogisticRegression(C=C, tol=1e-14, max_iter=100_000).fit(X, np.asarray(y, dtype=np.int64))
    return model.coef_[0], float(model.intercept_[0])


def _assert_fit_matches_sklearn(X, y, **options) -> None:
    w, b = SOLUTION.fit_logistic_regression(X.copy(), y.copy(), **options)
    sk_w, sk_b = _sklearn_optimum(X, y, options.get("l2", 0.0))
    np.testing.assert_allclose(w, sk_w, rtol=0, atol=1e-6)
    assert b == pytest.approx(sk_b, abs=1e-6)
    # and it is a stationary point of the contract's loss, by torch autograd
    _, t_dw, t_db = _torch_loss_and_grad(w, b, X, y, options.get("l2", 0.0))
    assert np.linalg.norm(t_dw) < 1e-7 and abs(t_db) < 1e-7


@pytest.mark.parametrize("args", list(_bank_cases("fit")))
def test_fit_bank_cases_reach_sklearn_optimum(args):
    args = dict(args)
    _assert_fit_matches_sklearn(args.pop("X"), args.pop("y"), **args)


@pytest.mark.parametrize("seed", range(6))
def test_fit_random_regularised_problems_reach_sklearn_optimum(seed):
    """Centred unit-variance features, N >= 50, D <= 5 and l2 >= 0.1: the loss is l2-strongly convex
    with curvature below ~1.6, so gradient descent with lr = 1 contracts at least by 0.9 a step."""
    rng = np.random.default_rng(seed)
    n, d = int(rng.integers(50, 150)), int(rng.integers(1, 6))
    X = rng.standard_normal((n, d))
    X -= X.mean(axis=0)
    y = (rng.random(n) < SOLUTION.sigmoid(X @ rng.standard_normal(d) + rng.normal(0, 1))).astype(np.float64)
    _assert_fit_matches_sklearn(X, y, lr=1.0, n_iter=400, l2=float(rng.uniform(0.1, 1.0)))
