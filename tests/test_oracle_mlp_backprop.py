"""mlp_backprop: the model answer's loss and gradients against torch autograd (the oracle),
in float64, on the bank's own networks and on hypothesis-generated ones; plus a central
finite-difference spot check that needs neither torch nor the model answer's backward pass."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("mlp_backprop")
KEYS = ("W1", "b1", "W2", "b2")
SHAPES = {"W1": lambda D, H, C: (D, H), "b1": lambda D, H, C: (H,), "W2": lambda D, H, C: (H, C),
          "b2": lambda D, H, C: (C,)}

mlp_loss_and_grads = PROBLEM.load_module("solution.py").mlp_loss_and_grads


def torch_loss_and_grads(X: np.ndarray, y: np.ndarray, params: dict) -> tuple[float, dict]:
    """The same network in torch float64; F.cross_entropy's default reduction is the mean."""
    leaves = {k: torch.tensor(params[k], dtype=torch.float64, requires_grad=True) for k in KEYS}
    h = F.relu(torch.from_numpy(X) @ leaves["W1"] + leaves["b1"])
    logits = h @ leaves["W2"] + leaves["b2"]
    loss = F.cross_entropy(logits, torch.from_numpy(np.asarray(y, dtype=np.int64)))
    loss.backward()
    return loss.item(), {k: leaves[k].grad.numpy() for k in KEYS}


def assert_matches_torch(X, y, params) -> None:
    before = {k: v.copy() for k, v in params.items()}
    X_before = X.copy()
    loss, grads = mlp_loss_and_grads(X, y, params)
    expected_loss, expected = torch_loss_and_grads(X, y, params)
    assert isinstance(loss, float)
    assert np.isfinite(loss)
    np.testing.assert_allclose(loss, expected_loss, rtol=1e-12, atol=1e-12)
    assert sorted(grads) == sorted(KEYS)
    for k in KEYS:
        assert grads[k].shape == params[k].shape, k
        scale = max(1.0, float(np.abs(expected[k]).max(initial=0.0)))
        np.testing.assert_allclose(grads[k], expected[k], rtol=1e-9, atol=1e-12 * scale, err_msg=k)
    for k in KEYS:  # the model answer leaves its inputs as they were
        np.testing.assert_array_equal(params[k], before[k])
    np.testing.assert_array_equal(X, X_before)


def _bank_networks():
    """Every distinct network of the bank (each gives five cases that share its arrays)."""
    seen = set()
    cases = [(check.name, case) for check in PROBLEM.checks for case in check.cases]
    cases.append(("efficiency", PROBLEM.efficiency.case))
    for name, case in cases:
        args = case.args
        if "params" not in args or id(args["X"]) in seen:
            continue
        seen.add(id(args["X"]))
        yield pytest.param(args["X"], args["y"], args["params"], id=f"{name}: {case.label}")


@pytest.mark.parametrize(("X", "y", "params"), list(_bank_networks()))
def test_every_bank_network_matches_torch(X, y, params):
    assert_matches_torch(X, y, params)


def test_bank_covers_the_adversarial_regimes():
    """The bank's extreme networks really are extreme (else the stability checks test nothing)."""
    by_check = {check.name: check.cases[0].args for check in PROBLEM.checks}

    def logits(args):
        p = args["params"]
        return np.maximum(args["X"] @ p["W1"] + p["b1"], 0) @ p["W2"] + p["b2"]

    offset = logits(by_check["logits with a huge common offset (+-1000, spread of a few units)"])
    assert offset.min() > 900 and np.ptp(offset, axis=1).max() < 20
    rows = logits(by_check["rows whose logits sit ~2000 apart"])
    assert rows.max() - rows.max(axis=1).min() > 1200  # exp(-1200) is 0 in float64
    wrong = by_check["a confidently wrong prediction (true class ~800 below the top logit)"]
    gap = logits(wrong).max(axis=1) - logits(wrong)[np.arange(len(wrong["y"])), wrong["y"]]
    assert (gap > 760).sum() >= 4  # exp(-760) underflows to 0 in float64
    for check in PROBLEM.checks:  # relu'(0) never matters: no pre-activation is exactly 0
        for case in check.cases:
            if "params" in case.args:
                p = case.args["params"]
                assert np.abs(case.args["X"] @ p["W1"] + p["b1"]).min() > 1e-6, check.name


@st.composite
def networks(draw):
    N, D, H = draw(st.integers(1, 12)), draw(st.integers(1, 6)), draw(st.integers(1, 8))
    C = draw(st.integers(2, 6))
    values = st.floats(-3.0, 3.0, allow_nan=False, width=64)
    X = draw(hnp.arrays(np.float64, (N, D), elements=values))
    params = {k: draw(hnp.arrays(np.float64, SHAPES[k](D, H, C), elements=values)) for k in KEYS}
    params["b2"] = params["b2"] + draw(st.sampled_from([0.0, 1000.0, -1000.0]))
    y = draw(hnp.arrays(np.int64, (N,), elements=st.integers(0, C - 1)))
    return X, y, params


@settings(max_examples=150, deadline=None)
@given(net=networks())
def test_random_networks_match_torch(net):
    assert_matches_torch(*net)


def test_random_larger_networks_match_torch():
    rng = np.random.default_rng(7)
    for N, D, H, C in [(64, 10, 32, 7), (200, 3, 50, 2), (33, 20, 5, 12)]:
        X = rng.standard_normal((N, D)) * 2
        params = {"W1": rng.standard_normal((D, H)), "b1": rng.standard_normal(H),
                  "W2": rng.standard_normal((H, C)) * 3, "b2": rng.standard_normal(C) * 10}
        assert_matches_torch(X, rng.integers(0, C, size=N), params)


def test_gradients_match_central_finite_differences():
    """d loss / d theta ~ (loss(theta + e) - loss(theta - e)) / 2e on random entries of every
    parameter. No pre-activation lies within 1e-3 of the ReLU's kink while eps * |x| <= 1e-5,
    so the loss is smooth along each probe and the central difference is accurate to ~1e-8."""
    rng = np.random.default_rng(3)
    N, D, H, C = 9, 4, 7, 5
    X = rng.standard_normal((N, D))
    y = rng.integers(0, C, size=N)
    params = {"W1": rng.standard_normal((D, H)), "b1": rng.standard_normal(H),
              "W2": rng.standard_normal((H, C)), "b2": rng.standard_normal(C)}
    assert np.abs(X @ params["W1"] + params["b1"]).min() > 1e-3
    assert np.abs(X).max() < 10
    _, grads = mlp_loss_and_grads(X, y, params)
    eps = 1e-6
    for k in KEYS:
        for flat in rng.choice(params[k].size, size=min(6, params[k].size), replace=False):
            idx = np.unravel_index(flat, params[k].shape)
            plus = {**params, k: params[k].copy()}
            minus = {**params, k: params[k].copy()}
            plus[k][idx] += eps
            minus[k][idx] -= eps
            numeric = (mlp_loss_and_grads(X, y, plus)[0] - mlp_loss_and_grads(X, y, minus)[0]) / (2 * eps)
            assert abs(numeric - grads[k][idx]) <= 1e-6 + 1e-5 * abs(numeric), (k, idx, numeric, grads[k][idx])
