"""The cross_entropy model answer against independent implementations:
scipy.special.logsumexp / log_softmax and torch.nn.functional.cross_entropy."""

import warnings

import numpy as np
import pytest
import scipy.special
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("cross_entropy")
solution = PROBLEM.load_module("solution.py")
# the references run in float64; the model answer keeps the input's dtype
TOLERANCE = {np.dtype(np.float32): (1e-5, 1e-5), np.dtype(np.float64): (1e-10, 1e-10)}


def _quiet(fn, *args, **kwargs):
    """scipy warns (divide by zero in log) on an all -inf slice; the value is what we compare."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def check_logsumexp(x: np.ndarray, axis: int = -1, keepdims: bool = False) -> None:
    before = x.copy()
    got = np.asarray(solution.logsumexp(x, axis=axis, keepdims=keepdims))
    expected = _quiet(scipy.special.logsumexp, x.astype(np.float64), axis=axis, keepdims=keepdims)
    np.testing.assert_array_equal(x, before)
    assert got.shape == np.shape(expected) and got.dtype == x.dtype
    assert not np.isnan(got).any()
    rtol, atol = TOLERANCE[x.dtype]
    np.testing.assert_allclose(got, expected, rtol=rtol, atol=atol)


def check_log_softmax(x: np.ndarray, axis: int = -1) -> None:
    before = x.copy()
    got = solution.log_softmax(x, axis=axis)
    expected = _quiet(scipy.special.log_softmax, x.astype(np.float64), axis=axis)
    np.testing.assert_array_equal(x, before)
    assert got.shape == x.shape and got.dtype == x.dtype
    assert np.isfinite(expected[np.isfinite(x)]).all()  # the reference did not underflow either
    rtol, atol = TOLERANCE[x.dtype]
    np.testing.assert_allclose(got, expected, rtol=rtol, atol=atol)


def check_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> None:
    before = logits.copy(), labels.copy()
    got = solution.cross_entropy(logits, labels)
    expected = F.cross_entropy(torch.from_numpy(logits.astype(np.float64)), torch.from_numpy(labels).long()).item()
    np.testing.assert_array_equal(logits, before[0])
    np.testing.assert_array_equal(labels, before[1])
    assert isinstance(got, float) and np.isfinite(got)
    rtol, atol = TOLERANCE[logits.dtype]
    assert got == pytest.approx(expected, rel=rtol, abs=atol)


CHECKERS = {
    "logsumexp": lambda a: check_logsumexp(a["x"], a["axis"], a["keepdims"]),
    "logsumexp_default": lambda a: check_logsumexp(a["x"]),
    "log_softmax": lambda a: check_log_softmax(a["x"], a["axis"]),
    "log_softmax_default": lambda a: check_log_softmax(a["x"]),
    "cross_entropy": lambda a: check_cross_entropy(a["logits"], a["labels"]),
    "logsumexp_input_after_call": lambda a: check_logsumexp(a["x"], a["axis"]),
    "log_softmax_input_after_call": lambda a: check_log_softmax(a["x"], a["axis"]),
    "cross_entropy_inputs_after_call": lambda a: check_cross_entropy(a["logits"], a["labels"]),
}


def _bank_cases():
    for check in PROBLEM.checks:
        for case in check.cases:
            yield pytest.param(case.call, case.args, id=f"{check.name}: {case.label}")


@pytest.mark.parametrize(("call", "args"), list(_bank_cases()))
def test_every_bank_case_matches_the_oracles(call, args):
    CHECKERS[call](args)


def test_the_bank_covers_every_driver_call():
    calls = {case.call for check in PROBLEM.checks for case in check.cases}
    assert calls == set(CHECKERS)


def _arrays(min_dims=1, max_dims=4):
    return hnp.arrays(
        dtype=st.sampled_from([np.float32, np.float64]),
        shape=hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=1, max_side=6),
        elements=st.floats(-1e4, 1e4, width=32),
    )


@settings(max_examples=120, deadline=None)
@given(x=_arrays(), data=st.data())
def test_random_logsumexp_matches_scipy(x, data):
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1))
    mask = data.draw(hnp.arrays(bool, x.shape))  # any -inf pattern, all -inf slices included
    x[mask] = -np.inf
    check_logsumexp(x, axis, data.draw(st.booleans()))


@settings(max_examples=120, deadline=None)
@given(x=_arrays(), data=st.data())
def test_random_log_softmax_matches_scipy(x, data):
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1))
    mask = data.draw(hnp.arrays(bool, x.shape))
    first = [slice(None)] * x.ndim
    first[axis] = 0
    mask[tuple(first)] = False  # every slice along axis keeps its first entry finite
    x[mask] = -np.inf
    check_log_softmax(x, axis)


@settings(max_examples=120, deadline=None)
@given(logits=_arrays(min_dims=2, max_dims=2), data=st.data())
def test_random_cross_entropy_matches_torch(logits, data):
    B, C = logits.shape
    labels = np.array(data.draw(st.lists(st.integers(0, C - 1), min_size=B, max_size=B)),
                      dtype=data.draw(st.sampled_from([np.int32, np.int64])))
    mask = data.draw(hnp.arrays(bool, logits.shape))
    mask[np.arange(B), labels] = False  # -inf anywhere but at a label
    logits[mask] = -np.inf
    check_cross_entropy(logits, labels)


def test_wide_spread_log_probabilities_match_scipy_and_torch():
    """Log-probabilities of -1000 and below: the regime where log(softmax) would give -inf."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((6, 9)) - rng.uniform(0, 5000, size=(6, 9))
    check_log_softmax(x)
    check_log_softmax(x.T.copy(), axis=0)
    check_cross_entropy(x, rng.integers(0, 9, size=6))
    x32 = (rng.standard_normal((5, 7)) - rng.uniform(0, 500, size=(5, 7))).astype(np.float32)
    check_log_softmax(x32)
    check_cross_entropy(x32, rng.integers(0, 7, size=5).astype(np.int32))
