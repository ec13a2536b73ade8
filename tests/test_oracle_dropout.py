"""The dropout model answer against torch.nn.functional.dropout and against the theory.

torch's dropout has the contract's semantics (p is the drop probability, kept units scaled by
1 / (1 - p), the identity in evaluation). Wrapped to the contract (its mask read off y, x never 0,
its seed drawn from the rng argument), it passes every check of the bank, judged like a submission
against the model answer. On the bank's cases and on random ones the model answer's summaries
match the theory: the kept share within 7 standard errors of 1 - p, the kept units scaled by exactly
1 / (1 - p), y zero exactly where the mask is False, evaluation the identity.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from judging import judge
from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("dropout")
SOLUTION = PROBLEM.load_module("solution.py")
CHECKS = PROBLEM.load_module("checks.py")
DRIVER = PROBLEM.load_module("driver.py")

TORCH_DROPOUT = '''
import numpy as np
import torch
import torch.nn.functional as F


def dropout(x, p, training, rng):
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    gen = torch.Generator().manual_seed(int(rng.integers(2**62)))
    with torch.random.fork_rng():
        torch.random.default_generator.manual_seed(int(torch.randint(2**62, (1,), generator=gen)))
        y = F.dropout(torch.from_numpy(x.copy()), p, training=True).numpy()
    return y, y != 0
'''


def _theory(summary: dict, p: float, training: bool) -> None:
    """A summary (driver.stats) as the contract predicts it."""
    assert summary["finite"] and summary["consistent"]
    keep = 1.0 - p if training else 1.0
    se = np.sqrt(keep * (1 - keep) / summary["units"])
    assert abs(summary["keep_rate"] - keep) <= CHECKS.Z * se + 1e-12
    assert summary["zero_rate"] == pytest.approx(1.0 - summary["keep_rate"], abs=1e-12)
    assert summary["scale"] == pytest.approx(1.0 / keep if training else 1.0, rel=1e-6)


def _bank_cases(call: str):
    for check in PROBLEM.checks:
        for case in check.cases:
            if case.call == call:
                yield pytest.param(case.args, id=f"{check.name}: {case.label}")


@pytest.mark.parametrize("args", list(_bank_cases("stats")))
def test_bank_stats_cases_match_the_theory(args):
    _theory(DRIVER.stats(SOLUTION, **args), args["p"], args["training"])


@pytest.mark.parametrize("args", list(_bank_cases("per_call")))
def test_bank_per_call_counts_are_binomial(args):
    got = DRIVER.per_call(SOLUTION, **args)
    n, keep = args["x"].size, 1.0 - args["p"]
    assert abs(got["mean_kept"] - n * keep) <= CHECKS.Z * got["mean_kept_se"]
    assert abs(got["var_kept"] - n * keep * (1 - keep)) <= CHECKS.Z * got["var_kept_se"]


def test_torch_dropout_passes_every_check():
    assert judge(PROBLEM).failing_cases(TORCH_DROPOUT, "torch_dropout") == []


@settings(max_examples=40, deadline=None)
@given(p=st.floats(0.0, 0.95), seed=st.integers(0, 2**32 - 1), training=st.booleans(),
       single=st.booleans(), shape=st.sampled_from([(20_000,), (100, 300), (10, 20, 30)]))
def test_random_calls_match_theory_and_torch(p, seed, training, single, shape):
    rng = np.random.default_rng(seed)
    x = CHECKS._x(rng, shape, np.float32 if single else np.float64)
    summary = DRIVER.stats(SOLUTION, x, p, training, seed)
    _theory(summary, p, training)
    y, _ = SOLUTION.dropout(x, p, training, np.random.default_rng(seed))
    assert y.dtype == x.dtype
    # torch on the same x: the same statistics, judged by the checks' own comparator
    torch.manual_seed(seed)
    ty = F.dropout(torch.from_numpy(x.copy()), p, training=training).numpy()
    theirs = DRIVER._summary(x, ty, ty != 0 if training else np.ones(x.shape, dtype=bool), p, training)
    assert CHECKS.same_statistics(theirs, summary) is None
