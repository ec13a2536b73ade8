"""The cross_entropy model answer against independent implementations:
scipy.special.logsumexp / log_softmax and torch.nn.functional.cross_entropy. Then other correct answers
(float64 upcasting, logaddexp, NaN repair, pure Python loops) pass every check, and other spellings of
the catalogued bugs are diagnosed as them."""

import warnings

import numpy as np
import pytest
import scipy.special
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from judging import edited, judge, summary
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


# -- other correct answers pass, other spellings of the bugs are diagnosed ------------------------------

@pytest.fixture(scope="module")
def judged():
    return judge(PROBLEM)


# log_softmax through logsumexp(keepdims=True), fancy-index label lookup: the most common shape of an answer
PLAIN = '''
import numpy as np


def logsumexp(x, axis=-1, keepdims=False):
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)  # GUARD
    with np.errstate(divide="ignore"):
        out = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True)) + m
    if not keepdims:  # KEEP
        out = np.squeeze(out, axis=axis)
    return out


def log_softmax(x, axis=-1):
    return x - logsumexp(x, axis=axis, keepdims=True)


def cross_entropy(logits, labels):
    lp = log_softmax(logits, axis=1)
    return float(-np.mean(lp[np.arange(len(labels)), labels]))
'''

# computes in float64 and casts back; a Python loop over the batch
UPCAST_LOOP = '''
import numpy as np


def logsumexp(x, axis=-1, keepdims=False):
    x64 = x.astype(np.float64)
    m = x64.max(axis=axis, keepdims=True)
    m[~np.isfinite(m)] = 0.0
    out = m + np.log(np.exp(x64 - m).sum(axis=axis, keepdims=True))
    return (out if keepdims else out.squeeze(axis)).astype(x.dtype)


def log_softmax(x, axis=-1):
    x64 = x.astype(np.float64)
    z = x64 - x64.max(axis=axis, keepdims=True)
    return (z - np.log(np.exp(z).sum(axis=axis, keepdims=True))).astype(x.dtype)


def cross_entropy(logits, labels):
    total = 0.0
    for b in range(logits.shape[0]):
        total += logsumexp(logits[b]) - logits[b, labels[b]]
    return total / logits.shape[0]
'''

LOGADDEXP = '''
import numpy as np


def logsumexp(x, axis=-1, keepdims=False):
    return np.logaddexp.reduce(x, axis=axis, keepdims=keepdims)


def log_softmax(x, axis=-1):
    return x - np.logaddexp.reduce(x, axis=axis, keepdims=True)


def cross_entropy(logits, labels):
    picked = np.take_along_axis(logits, labels[:, None].astype(np.int64), axis=1)[:, 0]
    return np.mean(logsumexp(logits, axis=1) - picked)
'''

# NaN from -inf - (-inf) repaired afterwards; a Python float for a 0-d result; a boolean mask for the labels
NAN_TO_NUM = '''
import numpy as np


def logsumexp(x, axis=-1, keepdims=False):
    m = np.max(x, axis=axis, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
    r = np.nan_to_num(r, nan=-np.inf, posinf=np.inf, neginf=-np.inf)
    if not keepdims:
        r = np.squeeze(r, axis=axis)
        if r.ndim == 0:
            return float(r)
    return r


def log_softmax(x, axis=-1):
    return x - logsumexp(x, axis=axis, keepdims=True)


def cross_entropy(logits, labels):
    n = logits.shape[0]
    chosen = np.zeros(logits.shape, dtype=bool)
    chosen[np.arange(n), labels] = True
    return -log_softmax(logits)[chosen].sum() / n
'''

# pure Python arithmetic on every slice
PURE_PYTHON = '''
import math

import numpy as np


def _lse(values):
    m = max(values)
    if m == -math.inf:
        return -math.inf
    return m + math.log(sum(math.exp(v - m) for v in values))


def logsumexp(x, axis=-1, keepdims=False):
    moved = np.moveaxis(x, axis, -1)
    out = np.array([_lse([float(v) for v in row]) for row in moved.reshape(-1, moved.shape[-1])], dtype=x.dtype)
    out = out.reshape(moved.shape[:-1])
    return np.expand_dims(out, axis) if keepdims else out


def log_softmax(x, axis=-1):
    out = np.empty_like(x)
    src, dst = np.moveaxis(x, axis, -1), np.moveaxis(out, axis, -1)
    for idx in np.ndindex(src.shape[:-1]):
        row = [float(v) for v in src[idx]]
        lse = _lse(row)
        dst[idx] = [v - lse for v in row]
    return out


def cross_entropy(logits, labels):
    rows = [[float(v) for v in row] for row in logits]
    return sum(_lse(row) - row[int(t)] for row, t in zip(rows, labels)) / len(rows)
'''


@pytest.mark.parametrize("source", [PLAIN, UPCAST_LOOP, LOGADDEXP, NAN_TO_NUM, PURE_PYTHON],
                         ids=["plain", "upcast-and-loop", "logaddexp", "nan-to-num", "pure-python"])
def test_other_correct_answers_pass_every_check(judged, source):
    assert judged.failing_cases(source) == []


SPELLINGS = {
    "log-of-softmax": [("    return x - logsumexp(x, axis=axis, keepdims=True)\n",
                        "    e = np.exp(x - np.max(x, axis=axis, keepdims=True))\n"
                        "    return np.log(e / e.sum(axis=axis, keepdims=True))\n")],
    "no-max-shift": [("    m = np.where(np.isfinite(m), m, 0)  # GUARD", "    m = np.zeros_like(m)")],
    "neg-inf-row-nan": [("    m = np.where(np.isfinite(m), m, 0)  # GUARD\n", "")],
    "sum-not-mean": [("float(-np.mean(", "float(-np.sum(")],
    "global-max-shift": [("m = np.max(x, axis=axis, keepdims=True)", "m = np.max(x[np.isfinite(x)], initial=0.0)")],
    "ignores-keepdims-breaks-log-softmax": [("    if not keepdims:  # KEEP\n        out", "    out")],
    "max-without-keepdims": [("m = np.max(x, axis=axis, keepdims=True)", "m = np.max(x, axis=axis)"),
                             ("axis=axis, keepdims=True)) + m", "axis=axis)) + m")],
    "wrong-label-indexing": [("lp[np.arange(len(labels)), labels]", "lp[:, labels]")],
    "one-hot-times-neg-inf": [("np.mean(lp[np.arange(len(labels)), labels])",
                               "np.mean(np.sum(np.eye(logits.shape[1])[labels] * lp, axis=1))")],
    "mean-over-classes": [("np.mean(lp[np.arange(len(labels)), labels])",
                           "np.mean(np.take_along_axis(lp, labels[:, None], axis=1)) / logits.shape[1]")],
    "missing-minus-sign": [("float(-np.mean(", "float(np.mean(")],
    "log-softmax-over-batch": [("lp = log_softmax(logits, axis=1)", "lp = log_softmax(logits, axis=0)")],
    "modifies-input": [("    with np.errstate(divide=\"ignore\"):\n",
                        "    x -= m  # shifted in place\n    with np.errstate(divide=\"ignore\"):\n"),
                       ("np.exp(x - m)", "np.exp(x)")],
}


@pytest.mark.parametrize("mistake_id", list(SPELLINGS))
def test_other_spellings_of_a_mistake_are_diagnosed_as_it(judged, mistake_id):
    ranked = judged.ranked(edited(PLAIN, SPELLINGS[mistake_id]), mistake_id)
    assert ranked and ranked[0].mistake_id == mistake_id, summary(ranked)
