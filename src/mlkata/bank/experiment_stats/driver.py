"""Calls the implementation's statistics. Runs in the sandbox; holds no answers.

A random generator cannot cross into the sandbox, so bootstrap cases carry an integer seed and the
driver builds np.random.default_rng(seed) here."""

import numpy as np


def mean_and_ci(impl, x, confidence=None):
    result = impl.mean_and_ci(x) if confidence is None else impl.mean_and_ci(x, confidence=confidence)
    mean, low, high = result
    return {"mean": float(mean), "low": float(low), "high": float(high)}


def welch_t_test(impl, a, b):
    t, df, p = impl.welch_t_test(a, b)
    return {"t": float(t), "df": float(df), "p": float(p)}


def bootstrap_diff_ci(impl, a, b, seed, n_boot=None, confidence=None):
    kwargs = {k: v for k, v in (("n_boot", n_boot), ("confidence", confidence)) if v is not None}
    low, high = impl.bootstrap_diff_ci(a, b, np.random.default_rng(seed), **kwargs)
    return {"low": float(low), "high": float(high)}


def bootstrap_reproducible(impl, a, b, seed):
    """Two calls, each with a fresh np.random.default_rng(seed): the rng is the only source of randomness,
    so both intervals are the same."""
    first = impl.bootstrap_diff_ci(a.copy(), b.copy(), np.random.default_rng(seed))
    np.random.seed(seed + 1)  # a changed global state must not matter
    second = impl.bootstrap_diff_ci(a.copy(), b.copy(), np.random.default_rng(seed))
    return [float(v) for v in first] == [float(v) for v in second]
