"""The batch_norm model answer against torch: nn.BatchNorm1d for the forward pass in both modes (y and the
running statistics it leaves behind) and autograd through F.batch_norm for the gradients, in float64, on
every bank case and on random inputs."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("batch_norm")
solution = PROBLEM.load_module("solution.py")
TOLERANCE = {np.dtype(np.float32): (1e-4, 2e-5), np.dtype(np.float64): (1e-9, 1e-10)}
FORWARD = ("y", "running_mean", "running_var")
BACKWARD = ("dx", "dgamma", "dbeta")


def _t(a: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(np.asarray(a, dtype=np.float64).copy())


def torch_forward(x, gamma, beta, running_mean, running_var, momentum, eps, training):
    layer = torch.nn.BatchNorm1d(x.shape[1], eps=eps, momentum=momentum, dtype=torch.float64)
    with torch.no_grad():
        layer.weight.copy_(_t(gamma))
        layer.bias.copy_(_t(beta))
        layer.running_mean.copy_(_t(running_mean))
        layer.running_var.copy_(_t(running_var))
        layer.train(training)
        y = layer(_t(x))
    return y.numpy(), layer.running_mean.numpy(), layer.running_var.numpy()


def torch_backward(dy, x, gamma, eps):
    xt, gt = _t(x).requires_grad_(), _t(gamma).requires_grad_()
    bt = torch.zeros_like(gt, requires_grad=True)
    F.batch_norm(xt, None, None, gt, bt, training=True, eps=eps).backward(_t(dy))
    return xt.grad.numpy(), gt.grad.numpy(), bt.grad.numpy()


def _close(got, expected, dtype):
    rtol, atol = TOLERANCE[np.dtype(dtype)]
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=rtol, atol=atol)


def check_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True, parts=FORWARD):
    before = [a.copy() for a in (x, gamma, beta, running_mean, running_var)]
    got = solution.batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=momentum, eps=eps,
                                      training=training)
    for a, b in zip(before, (x, gamma, beta, running_mean, running_var), strict=True):
        np.testing.assert_array_equal(a, b)  # the inputs are left alone
    expected = torch_forward(x, gamma, beta, running_mean, running_var, momentum, eps, training)
    for part, g, e in zip(FORWARD, got, expected, strict=True):
        if part in parts:
            _close(np.asarray(g), e, x.dtype)


def check_backward(dy, x, gamma, eps=1e-5, parts=BACKWARD):
    got = dict(zip(BACKWARD, solution.batch_norm_backward(dy, x, gamma, eps), strict=True))
    expected = dict(zip(BACKWARD, torch_backward(dy, x, gamma, eps), strict=True))
    for part in parts:
        _close(got[part], expected[part], x.dtype)


def _bank_cases():
    for check in PROBLEM.checks:
        for case in check.cases:
            yield pytest.param(case.call, case.args, id=f"{check.name}: {case.label}")


@pytest.mark.parametrize(("call", "args"), list(_bank_cases()))
def test_every_bank_case_matches_torch(call, args):
    a = dict(args)
    fwd = ("x", "gamma", "beta", "running_mean", "running_var")
    if call == "forward":
        check_forward(*(a[k] for k in fwd), a["momentum"], a["eps"], a["training"], parts=(a["part"],))
    elif call == "forward_defaults":
        check_forward(*(a[k] for k in fwd), parts=(a["part"],))
    elif call == "forward_inputs_after":
        check_forward(*(a[k] for k in fwd), training=a["training"])
    elif call == "backward":
        eps = 1e-5 if a["eps"] is None else a["eps"]
        check_backward(a["dy"], a["x"], a["gamma"], eps, parts=(a["part"],))
    else:
        check_backward(a["dy"], a["x"], a["gamma"])


def test_the_bank_covers_every_driver_call():
    calls = {case.call for check in PROBLEM.checks for case in check.cases}
    assert calls == {"forward", "forward_defaults", "forward_inputs_after", "backward", "backward_inputs_after"}


@settings(max_examples=100, deadline=None)
@given(N=st.integers(2, 12), C=st.integers(1, 6), dtype=st.sampled_from([np.float32, np.float64]),
       log_std=st.floats(-2.0, 2.0), spread=st.floats(0.0, 3.0), momentum=st.sampled_from([0.01, 0.1, 0.3, 0.9, 1.0]),
       eps=st.sampled_from([1e-5, 1e-3, 0.1, 1.0]), training=st.booleans(), seed=st.integers(0, 2**32 - 1))
def test_random_inputs_match_torch(N, C, dtype, log_std, spread, momentum, eps, training, seed):
    rng = np.random.default_rng(seed)
    std = 10.0 ** log_std
    x = (rng.uniform(-spread, spread, C) * std + std * rng.standard_normal((N, C))).astype(dtype)
    gamma, beta = rng.standard_normal(C).astype(dtype), rng.standard_normal(C).astype(dtype)
    running_mean = (std * rng.standard_normal(C)).astype(dtype)
    running_var = (std ** 2 * rng.uniform(0.2, 3.0, C)).astype(dtype)
    check_forward(x, gamma, beta, running_mean, running_var, momentum, eps, training)
    check_backward(rng.standard_normal((N, C)).astype(dtype), x, gamma, eps)


def test_eval_mode_with_a_single_example_matches_torch():
    rng = np.random.default_rng(0)
    check_forward(rng.standard_normal((1, 5)), rng.standard_normal(5), rng.standard_normal(5),
                  rng.standard_normal(5), rng.uniform(0.5, 2.0, 5), training=False)
