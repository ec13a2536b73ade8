"""The logistic_regression model answer against independent implementations: torch autograd for
the loss and its gradients, scikit-learn's LogisticRegression for the minimiser that fit must reach.

scikit-learn minimises (1/2)||w||^2 + C * sum_i BCE_i with an unpenalised intercept (lbfgs);
dividing by C * N gives mean BCE + (1 / (2 C N)) ||w||^2, the contract's loss for C = 1 / (N * l2).

Then other correct answers (other stable sigmoids, float32 arithmetic, Newton's method, pure Python
loops) pass every check, and other spellings of the catalogued bugs are diagnosed as them.
"""

import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import LogisticRegression

from judging import edited, judge, summary
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


# -- other correct answers pass, other spellings of the bugs are diagnosed ------------------------------

@pytest.fixture(scope="module")
def judged():
    return judge(PROBLEM)


# boolean-mask sigmoid; BCE as max(z, 0) - y z + log1p(exp(-|z|)); einsum; early stop once converged
PLAIN = '''
import numpy as np


def sigmoid(z):
    z = np.asarray(z)
    out = np.empty(z.shape, dtype=np.result_type(z, np.float32))
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    N = len(y)
    z = np.einsum("nd,d->n", X, w) + b
    per = np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z)))  # BCE
    loss = per.mean() + (l2 / 2) * np.sum(w ** 2)
    err = sigmoid(z) - y  # ERR
    dw = np.einsum("nd,n->d", X, err) / N + l2 * w  # DW
    db = np.sum(err) / N  # DB
    return loss, dw, db


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        _, dw, db = logistic_loss_and_grad(w, b, X, y, l2)  # CALL
        w = w - lr * dw
        b = b - lr * db  # BIAS
        if np.sqrt(np.sum(dw ** 2) + db ** 2) < 1e-12:
            break
    return w, b
'''

# tanh sigmoid; BCE through log-sigmoid; Newton's method for the fit (lr and n_iter unused)
TANH_NEWTON = '''
import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    z = X @ w + b
    bce = y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)
    g = (sigmoid(z) - y) / len(y)
    return bce.mean() + l2 / 2 * (w @ w), X.T @ g + l2 * w, g.sum()


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    N, D = X.shape
    Xb = np.hstack([X, np.ones((N, 1))])
    theta = np.zeros(D + 1)
    R = np.diag([l2] * D + [0.0])
    for _ in range(50):
        p = sigmoid(Xb @ theta)
        H = (Xb * (p * (1 - p))[:, None]).T @ Xb / N + R
        theta -= np.linalg.solve(H, Xb.T @ (p - y) / N + R @ theta)
    return theta[:D], theta[D]
'''

# sigmoid through logaddexp; the loss and gradients in float32 arithmetic
FLOAT32 = '''
import numpy as np


def sigmoid(z):
    return np.exp(-np.logaddexp(0, -z))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    X32, w32, y32 = X.astype(np.float32), w.astype(np.float32), y.astype(np.float32)
    z = X32 @ w32 + np.float32(b)
    loss = np.mean(np.logaddexp(np.float32(0), z) - y32 * z) + np.float32(l2 / 2) * (w32 @ w32)
    r = sigmoid(z) - y32
    return loss, X32.T @ r / len(y) + np.float32(l2) * w32, r.mean()


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iter):
        r = sigmoid(X @ w + b) - y
        w, b = w - lr * (X.T @ r / len(y) + l2 * w), b - lr * r.mean()
    return w, b
'''

# np.where sigmoid with the overflow silenced; clipped logits cast to float64
SILENCED_AND_CLIPPED = '''
import numpy as np


def sigmoid(z):
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-np.clip(np.asarray(z, dtype=np.float64), -500, 500)))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    n = len(y)
    z = X.dot(w) + b
    loss = np.sum(np.where(z > 0, z + np.log1p(np.exp(-np.abs(z))), np.log1p(np.exp(-np.abs(z)))) - y * z) / n
    p = sigmoid(z)
    return loss + l2 * 0.5 * np.linalg.norm(w) ** 2, X.T.dot(p - y) / n + l2 * w, np.mean(p - y)


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iter):
        p = sigmoid(X @ w + b)
        w -= lr * (X.T @ (p - y) / len(y) + l2 * w)
        b -= lr * np.mean(p - y)
    return w, b
'''

PURE_PYTHON = '''
import math

import numpy as np


def _sig(v):
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


def sigmoid(z):
    return np.array([_sig(float(v)) for v in np.ravel(z)]).reshape(np.shape(z))


def logistic_loss_and_grad(w, b, X, y, l2=0.0):
    N, D = X.shape
    loss, dw, db = 0.0, [0.0] * D, 0.0
    for i in range(N):
        z = sum(float(X[i, d]) * float(w[d]) for d in range(D)) + float(b)
        loss += max(z, 0.0) + math.log1p(math.exp(-abs(z))) - float(y[i]) * z
        r = _sig(z) - float(y[i])
        for d in range(D):
            dw[d] += r * float(X[i, d])
        db += r
    loss = loss / N + 0.5 * l2 * sum(float(v) ** 2 for v in w)
    return loss, np.array(dw) / N + l2 * np.asarray(w), db / N


def fit_logistic_regression(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iter):
        r = sigmoid(X @ w + b) - y
        w, b = w - lr * (X.T @ r / len(y) + l2 * w), b - lr * r.mean()
    return w, b
'''


@pytest.mark.parametrize("source", [PLAIN, TANH_NEWTON, FLOAT32, SILENCED_AND_CLIPPED, PURE_PYTHON],
                         ids=["plain", "tanh-newton", "float32", "silenced-and-clipped", "pure-python"])
def test_other_correct_answers_pass_every_check(judged, source):
    assert judged.failing_cases(source) == []


BCE = "    per = np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z)))  # BCE\n"
SIGMOID_BODY = '''    z = np.asarray(z)
    out = np.empty(z.shape, dtype=np.result_type(z, np.float32))
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out
'''
SPELLINGS = {
    "sigmoid-overflow": [(SIGMOID_BODY,
                          "    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))\n")],
    "sigmoid-nan-large-z": [(SIGMOID_BODY, "    e = np.exp(z)\n    return e / (1 + e)\n")],
    "grad-not-averaged": [("/ N + l2 * w  # DW", "+ l2 * w  # DW"), ("np.sum(err) / N  # DB", "np.sum(err)  # DB")],
    "bias-regularized": [("(l2 / 2) * np.sum(w ** 2)", "(l2 / 2) * (np.sum(w ** 2) + b ** 2)"),
                         ("np.sum(err) / N  # DB", "np.sum(err) / N + l2 * b  # DB")],
    "loss-log-zero": [(BCE, "    p = sigmoid(z)\n    per = -(y * np.log(p) + (1 - y) * np.log(1 - p))\n")],
    # the capped loss is -log(eps): only a spelling with the catalogue's eps (1e-15) reproduces its values
    "loss-eps-clipped": [(BCE, "    eps = 1e-15\n    p = np.minimum(np.maximum(sigmoid(z), eps), 1 - eps)\n"
                               "    per = -(y * np.log(p) + (1 - y) * np.log(1 - p))\n")],
    "grad-sign-flipped": [("err = sigmoid(z) - y  # ERR", "err = y - sigmoid(z)  # ERR")],
    "l2-missing-from-grad": [("/ N + l2 * w  # DW", "/ N  # DW")],
    "l2-penalty-not-halved": [("(l2 / 2) * np.sum(w ** 2)", "l2 * np.sum(w ** 2)")],
    "l2-penalty-doubled": [("(l2 / 2) * np.sum(w ** 2)", "l2 * np.sum(w ** 2)"),
                           ("/ N + l2 * w  # DW", "/ N + 2 * l2 * w  # DW")],
    "l2-penalty-scaled-by-n": [("/ N + l2 * w  # DW", "/ N + l2 * w / N  # DW")],
    "fit-ignores-l2": [("(w, b, X, y, l2)  # CALL", "(w, b, X, y)  # CALL")],
    "fit-ignores-bias": [("        b = b - lr * db  # BIAS\n", "")],
    "loss-not-averaged": [("loss = per.mean()", "loss = per.sum()")],
    "loss-exp-overflow": [(BCE, "    per = np.log1p(np.exp(z)) - y * z\n")],
}


@pytest.mark.parametrize("mistake_id", list(SPELLINGS))
def test_other_spellings_of_a_mistake_are_diagnosed_as_it(judged, mistake_id):
    ranked = judged.ranked(edited(PLAIN, SPELLINGS[mistake_id]), mistake_id)
    assert ranked and ranked[0].mistake_id == mistake_id, summary(ranked)
