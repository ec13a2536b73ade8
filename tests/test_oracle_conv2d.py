"""The conv2d model answer against torch.nn.functional.conv2d in float64, on every bank case (the efficiency
case included) and on random shapes, strides, paddings, biases and dtypes."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("conv2d")
solution = PROBLEM.load_module("solution.py")
TOLERANCE = {np.dtype(np.float32): (1e-4, 2e-5), np.dtype(np.float64): (1e-9, 1e-10)}


def _t(a):
    return None if a is None else torch.from_numpy(np.asarray(a, dtype=np.float64).copy())


def torch_conv2d(x, w, b=None, stride=1, padding=0) -> np.ndarray:
    return F.conv2d(_t(x), _t(w), _t(b), stride=stride, padding=padding).numpy()


def check(x, w, **options):
    got = solution.conv2d(x, w, **options)
    expected = torch_conv2d(x, w, **options)
    assert got.shape == expected.shape
    rtol, atol = TOLERANCE[np.dtype(x.dtype)]
    np.testing.assert_allclose(got, expected, rtol=rtol, atol=atol)


def _bank_cases():
    for c in PROBLEM.checks:
        for case in c.cases:
            yield pytest.param(case.args, id=f"{c.name}: {case.label}")
    yield pytest.param(PROBLEM.efficiency.case.args, id="efficiency case")


@pytest.mark.parametrize("args", list(_bank_cases()))
def test_every_bank_case_matches_torch(args):
    check(**args)


def test_the_bank_covers_every_driver_call():
    assert {case.call for c in PROBLEM.checks for case in c.cases} == {"conv2d", "input_after_call"}


@settings(max_examples=150, deadline=None)
@given(N=st.integers(1, 3), C_in=st.integers(1, 4), C_out=st.integers(1, 4), kh=st.integers(1, 5),
       kw=st.integers(1, 5), stride=st.integers(1, 4), padding=st.integers(0, 3), extra_h=st.integers(0, 8),
       extra_w=st.integers(0, 8), bias=st.booleans(), dtype=st.sampled_from([np.float32, np.float64]),
       seed=st.integers(0, 2**32 - 1))
def test_random_convolutions_match_torch(N, C_in, C_out, kh, kw, stride, padding, extra_h, extra_w, bias, dtype,
                                         seed):
    """Any size whose padded image holds the kernel (the contract), from a 1 x 1 output upwards."""
    rng = np.random.default_rng(seed)
    H = max(1, kh - 2 * padding) + extra_h
    W = max(1, kw - 2 * padding) + extra_w
    x = rng.standard_normal((N, C_in, H, W)).astype(dtype)
    w = rng.standard_normal((C_out, C_in, kh, kw)).astype(dtype)
    b = rng.standard_normal(C_out).astype(dtype) if bias else None
    check(x, w, b=b, stride=stride, padding=padding)


def test_defaults_are_no_bias_stride_1_padding_0():
    rng = np.random.default_rng(0)
    x, w = rng.standard_normal((2, 3, 6, 5)), rng.standard_normal((4, 3, 3, 2))
    np.testing.assert_allclose(solution.conv2d(x, w), torch_conv2d(x, w), rtol=1e-9, atol=1e-10)
