"""The experiment_stats model answer against an independent implementation: scipy.stats
(t.interval, ttest_ind(equal_var=False), bootstrap(method="percentile"))."""

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("experiment_stats")
solution = PROBLEM.load_module("solution.py")


def _assert_ci_matches(x, confidence=0.95):
    mean, low, high = solution.mean_and_ci(x, confidence)
    loc, scale = np.mean(x), scipy.stats.sem(x)
    e_low, e_high = scipy.stats.t.interval(confidence, len(x) - 1, loc=loc, scale=scale)
    np.testing.assert_allclose([mean, low, high], [loc, e_low, e_high], rtol=1e-10, atol=1e-12 * (1 + abs(loc)))


def _assert_welch_matches(a, b):
    t, df, p = solution.welch_t_test(a, b)
    result = scipy.stats.ttest_ind(a, b, equal_var=False)
    np.testing.assert_allclose([t, df], [result.statistic, result.df], rtol=1e-10)
    np.testing.assert_allclose(p, result.pvalue, rtol=1e-8, atol=1e-12)


def _cases(call):
    for check in PROBLEM.checks:
        for case in check.cases:
            if case.call == call:
                yield pytest.param(case.args, id=f"{check.name}: {case.label}")


@pytest.mark.parametrize("args", list(_cases("mean_and_ci")))
def test_bank_intervals_match_scipy(args):
    _assert_ci_matches(args["x"], args.get("confidence", 0.95))


@pytest.mark.parametrize("args", list(_cases("welch_t_test")))
def test_bank_t_tests_match_scipy(args):
    _assert_welch_matches(args["a"], args["b"])


@pytest.mark.parametrize("args", list(_cases("bootstrap_diff_ci")))
def test_bank_bootstraps_match_scipy_statistically(args):
    a, b, n_boot = args["a"], args["b"], args.get("n_boot", 10_000)
    confidence = args.get("confidence", 0.95)
    low, high = solution.bootstrap_diff_ci(a, b, np.random.default_rng(args["seed"]), n_boot, confidence)
    result = scipy.stats.bootstrap((a, b), lambda x, y, axis: y.mean(axis) - x.mean(axis), n_resamples=n_boot,
                                   confidence_level=confidence, method="percentile",
                                   random_state=np.random.default_rng(100 + args["seed"]))
    e_low, e_high = result.confidence_interval
    width = e_high - e_low
    assert abs(low - e_low) < 0.05 * width and abs(high - e_high) < 0.05 * width


def _samples(min_size=2):
    return hnp.arrays(np.float64, st.integers(min_size, 40), elements=st.floats(-100, 100, width=32)).filter(
        lambda x: np.ptp(x) > 1e-3 * (1 + np.abs(x).max()))


@settings(max_examples=60, deadline=None)
@given(x=_samples(), confidence=st.sampled_from([0.5, 0.8, 0.9, 0.95, 0.99, 0.999]))
def test_random_intervals_match_scipy(x, confidence):
    _assert_ci_matches(x, confidence)


@settings(max_examples=60, deadline=None)
@given(a=_samples(), b=_samples())
def test_random_t_tests_match_scipy(a, b):
    _assert_welch_matches(a, b)


def test_bootstrap_is_reproducible_and_independent_per_group():
    rng = np.random.default_rng(0)
    a = rng.standard_normal(30)
    b = a + 0.2 + 0.05 * rng.standard_normal(30)  # strongly correlated with a
    first = solution.bootstrap_diff_ci(a, b, np.random.default_rng(7))
    assert first == solution.bootstrap_diff_ci(a, b, np.random.default_rng(7))
    # independent groups: the width is that of the unpaired difference, about 2 * 1.96 * sqrt(2 / 30)
    assert first[1] - first[0] > 0.8 * 2 * 1.96 * np.sqrt(np.var(a) / 30 + np.var(b) / 30)
