"""The softmax model answer against an independent implementation: scipy.special.softmax."""

import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("softmax")


softmax = PROBLEM.load_module("solution.py").softmax
TOLERANCE = {np.dtype(np.float32): (1e-5, 1e-6), np.dtype(np.float64): (1e-12, 1e-15)}


def _assert_matches_scipy(x: np.ndarray, axis: int) -> None:
    got = softmax(x.copy(), axis=axis)
    expected = scipy.special.softmax(x.astype(np.float64), axis=axis)
    assert got.shape == x.shape and got.dtype == x.dtype
    rtol, atol = TOLERANCE[x.dtype]
    np.testing.assert_allclose(got, expected, rtol=rtol, atol=atol)


def _bank_cases():
    for check in PROBLEM.checks:
        for case in check.cases:
            if case.call in ("softmax", "softmax_default_axis"):
                yield pytest.param(case.args["x"], case.args.get("axis", -1), id=f"{check.name}: {case.label}")


@pytest.mark.parametrize(("x", "axis"), list(_bank_cases()))
def test_every_bank_case_matches_scipy(x, axis):
    _assert_matches_scipy(x, axis)


@settings(max_examples=150, deadline=None)
@given(
    x=hnp.arrays(
        dtype=st.sampled_from([np.float32, np.float64]),
        shape=hnp.array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=6),
        elements=st.floats(-1e4, 1e4, width=32),
    ),
    data=st.data(),
)
def test_random_arrays_match_scipy(x, data):
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1))
    _assert_matches_scipy(x, axis)


def test_rows_with_some_neg_inf_match_scipy():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((6, 9)) * 50
    x[rng.random(x.shape) < 0.4] = -np.inf
    x[:, 0] = rng.standard_normal(6)  # every row keeps one finite entry
    _assert_matches_scipy(x, -1)
