"""The layer_norm model answer against torch: F.layer_norm for the forward pass and autograd through it, in
float64, for the gradients, on every bank case and on random inputs."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("layer_norm")
solution = PROBLEM.load_module("solution.py")
TOLERANCE = {np.dtype(np.float32): (1e-4, 2e-5), np.dtype(np.float64): (1e-9, 1e-10)}
PARTS = ("dx", "dgamma", "dbeta")


def _t(a: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(np.asarray(a, dtype=np.float64).copy())


def torch_forward(x, gamma, beta, eps):
    return F.layer_norm(_t(x), (x.shape[-1],), _t(gamma), _t(beta), eps).numpy()


def torch_backward(dy, x, gamma, eps):
    xt, gt = _t(x).requires_grad_(), _t(gamma).requires_grad_()
    bt = torch.zeros_like(gt, requires_grad=True)
    F.layer_norm(xt, (x.shape[-1],), gt, bt, eps).backward(_t(dy))
    return xt.grad.numpy(), gt.grad.numpy(), bt.grad.numpy()


def _close(got, expected, dtype):
    rtol, atol = TOLERANCE[np.dtype(dtype)]
    assert got.shape == expected.shape and got.dtype == dtype
    np.testing.assert_allclose(got, expected, rtol=rtol, atol=atol)


def check_forward(x, gamma, beta, eps=1e-5):
    _close(solution.layer_norm(x, gamma, beta, eps), torch_forward(x, gamma, beta, eps), x.dtype)


def check_backward(dy, x, gamma, eps=1e-5, parts=PARTS):
    got = dict(zip(PARTS, solution.layer_norm_backward(dy, x, gamma, eps), strict=True))
    expected = dict(zip(PARTS, torch_backward(dy, x, gamma, eps), strict=True))
    for part in parts:
        _close(got[part], expected[part], x.dtype)


def _bank_cases():
    for check in PROBLEM.checks:
        for case in check.cases:
            yield pytest.param(case.call, case.args, id=f"{check.name}: {case.label}")


@pytest.mark.parametrize(("call", "args"), list(_bank_cases()))
def test_every_bank_case_matches_torch(call, args):
    a = dict(args)
    if call.startswith("layer_norm"):
        check_forward(a["x"], a["gamma"], a["beta"], a.get("eps", 1e-5))
    else:
        check_backward(a["dy"], a["x"], a["gamma"], a.get("eps", 1e-5), parts=(a["part"],))


def test_the_bank_covers_every_driver_call():
    calls = {case.call for check in PROBLEM.checks for case in check.cases}
    assert calls == {"layer_norm", "layer_norm_default_eps", "backward", "backward_default_eps"}


@settings(max_examples=100, deadline=None)
@given(shape=hnp.array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=6).filter(lambda s: s[-1] >= 2),
       dtype=st.sampled_from([np.float32, np.float64]), log_std=st.floats(-2.0, 2.0),
       spread=st.floats(0.0, 3.0), eps=st.sampled_from([1e-5, 1e-3, 0.1, 1.0]), seed=st.integers(0, 2**32 - 1))
def test_random_inputs_match_torch(shape, dtype, log_std, spread, eps, seed):
    rng = np.random.default_rng(seed)
    std = 10.0 ** log_std
    lead = shape[:-1] + (1,)
    x = (rng.uniform(-spread, spread, lead) * std + std * rng.standard_normal(shape)).astype(dtype)
    gamma, beta = rng.standard_normal(shape[-1]).astype(dtype), rng.standard_normal(shape[-1]).astype(dtype)
    dy = rng.standard_normal(shape).astype(dtype)
    check_forward(x, gamma, beta, eps)
    check_backward(dy, x, gamma, eps)


def test_rows_far_from_zero_match_torch():
    """|mean| up to 100 standard deviations, float64: the regime the bank's cases promise."""
    rng = np.random.default_rng(0)
    x = rng.uniform(-100, 100, (5, 1)) * 0.01 + 0.01 * rng.standard_normal((5, 16))
    gamma, beta, dy = rng.standard_normal(16), rng.standard_normal(16), rng.standard_normal((5, 16))
    check_forward(x, gamma, beta)
    check_backward(dy, x, gamma)
