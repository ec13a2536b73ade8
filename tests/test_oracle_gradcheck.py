"""The gradcheck model answer against an independent implementation: torch autograd gradients (at the
default step) and central differences evaluated by torch on stacked perturbed copies (at any step)."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("gradcheck")
solution = PROBLEM.load_module("solution.py")
driver = PROBLEM.load_module("driver.py")


def _torch_f(name, A):
    """The driver's functions written again in torch, for a batch of inputs [..., *shape] -> [...]."""
    At = None if A is None else torch.as_tensor(A)

    def flat(x, ndim):
        return x.reshape(*x.shape[: x.dim() - ndim], -1)  # [..., n]

    def f(x, ndim):
        v = flat(x, ndim)
        if name == "cubic":
            return (v**3 - 2 * v).sum(-1)
        if name == "quadratic_form":
            return torch.einsum("...i,ij,...j->...", v, At, v) + torch.sin(v).sum(-1)
        if name == "logsumexp":
            return torch.logsumexp(v, -1)
        if name == "product":
            return torch.prod(1 + 0.5 * v, -1)
        if name == "square_of_sum":
            return v.sum(-1) ** 2 + torch.cos(v).sum(-1)
        raise KeyError(name)

    return f


def _central_differences(name, x, h, A=None):
    f = _torch_f(name, A)
    xt = torch.as_tensor(np.array(x, order="C"))
    n = xt.numel()
    steps = (h * torch.eye(n, dtype=torch.float64)).reshape(n, *xt.shape)  # [n, *shape]
    return ((f(xt + steps, xt.dim()) - f(xt - steps, xt.dim())) / (2 * h)).reshape(xt.shape).numpy()


def _autograd(name, x, A=None):
    xt = torch.tensor(np.array(x, order="C"), requires_grad=True)
    _torch_f(name, A)(xt, xt.dim()).backward()
    return xt.grad.numpy()


def _gradient_cases():
    for check in PROBLEM.checks:
        for case in check.cases:
            if case.call == "gradient":
                yield pytest.param(case.args, id=f"{check.name}: {case.label}")


@pytest.mark.parametrize("args", list(_gradient_cases()))
def test_bank_gradients_match_torch(args):
    x, h = driver._x(args["x"], args.get("view")), args.get("h", 1e-5)
    got = solution.numerical_gradient(lambda v: driver.FUNCTIONS[args["f"]](v, args.get("A")), x, h=h)
    assert got.shape == x.shape and got.dtype == np.float64
    np.testing.assert_allclose(got, _central_differences(args["f"], x, h, args.get("A")), rtol=1e-9, atol=1e-9)
    if h == 1e-5:
        np.testing.assert_allclose(got, _autograd(args["f"], x, args.get("A")), rtol=1e-6, atol=1e-8)


def _torch_relative_error(a, b, eps=1e-12):
    a, b = torch.as_tensor(np.asarray(a, dtype=np.float64)), torch.as_tensor(np.asarray(b, dtype=np.float64))
    return ((a - b).abs() / (a.abs() + b.abs()).clamp(min=eps)).max().item()


@pytest.mark.parametrize("case", [c for check in PROBLEM.checks for c in check.cases if c.call == "relative_error"],
                         ids=lambda c: c.label)
def test_bank_relative_errors_match_torch(case):
    got = solution.relative_error(**case.args)
    assert isinstance(got, float)
    assert got == pytest.approx(_torch_relative_error(**case.args), rel=1e-12, abs=0)


@settings(max_examples=40, deadline=None)
@given(x=hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=4),
                    elements=st.floats(-2, 2)),
       name=st.sampled_from(["cubic", "logsumexp", "product", "square_of_sum"]),
       layout=st.sampled_from(["contiguous", "transposed", "reversed"]),
       h=st.sampled_from([1e-5, 1e-3, 0.2]))
def test_random_arrays_match_torch_and_stay_unchanged(x, name, layout, h):
    if layout == "transposed":
        x = x.T
    elif layout == "reversed" and x.ndim:
        x = x[::-1]
    before = x.copy()
    got = solution.numerical_gradient(lambda v: driver.FUNCTIONS[name](v, None), x, h=h)
    assert np.array_equal(x.view(np.int64), before.view(np.int64))
    np.testing.assert_allclose(got, _central_differences(name, x, h), rtol=1e-7, atol=1e-7)


@settings(max_examples=40, deadline=None)
@given(a=hnp.arrays(np.float64, st.integers(1, 8), elements=st.sampled_from([0.0, -1.5, 2.0, 1e-3, 7.0])),
       data=st.data())
def test_random_relative_errors_match_torch(a, data):
    b = data.draw(hnp.arrays(np.float64, a.shape, elements=st.sampled_from([0.0, -1.5, 2.5, 1e-3, 7.0])))
    assert solution.relative_error(a, b) == pytest.approx(_torch_relative_error(a, b), rel=1e-12, abs=0)
