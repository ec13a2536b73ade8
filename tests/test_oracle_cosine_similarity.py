"""The cosine_similarity model answer against an independent implementation:
sklearn.metrics.pairwise.cosine_similarity (which also scores a zero vector 0)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.metrics.pairwise import cosine_similarity as sk_cosine_similarity

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("cosine_similarity")

cosine_similarity = PROBLEM.load_module("solution.py").cosine_similarity
TOLERANCE = {np.dtype(np.float32): (1e-5, 1e-6), np.dtype(np.float64): (1e-12, 1e-13)}


def _assert_matches_sklearn(A: np.ndarray, B: np.ndarray | None, **kwargs) -> None:
    expected = sk_cosine_similarity(A.astype(np.float64), None if B is None else B.astype(np.float64))
    A_before, B_before = A.copy(), None if B is None else B.copy()
    got = cosine_similarity(A, A if B is None else B, **kwargs)
    assert got.shape == expected.shape and got.dtype == A.dtype
    rtol, atol = TOLERANCE[A.dtype]
    np.testing.assert_allclose(got, expected, rtol=rtol, atol=atol)
    np.testing.assert_array_equal(A, A_before)
    if B is not None:
        np.testing.assert_array_equal(B, B_before)


def _bank_cases():
    for check in PROBLEM.checks:
        for case in check.cases:
            args = case.args
            if case.call in ("cosine", "cosine_default_eps", "inputs_after_call"):
                eps = {"eps": args["eps"]} if "eps" in args else {}
                yield pytest.param(args["A"], args["B"], eps, id=f"{check.name}: {case.label}")
            elif case.call == "self_similarity":
                yield pytest.param(args["A"], None, {}, id=f"{check.name}: {case.label}")
            else:
                raise AssertionError(f"a driver call this test does not know: {case.call}")


@pytest.mark.parametrize(("A", "B", "kwargs"), list(_bank_cases()))
def test_every_bank_case_matches_sklearn(A, B, kwargs):
    _assert_matches_sklearn(A, B, **kwargs)


def test_efficiency_case_matches_sklearn():
    args = PROBLEM.efficiency.case.args
    _assert_matches_sklearn(args["A"], args["B"])


# entries are 0 or at least 1e-3 in magnitude: every nonzero row has a norm far above eps, where
# max(norm, eps) is the norm itself, exactly what sklearn divides by
ENTRY = st.one_of(st.just(0.0), st.floats(1e-3, 1e3), st.floats(-1e3, -1e-3))


@settings(max_examples=150, deadline=None)
@given(
    dtype=st.sampled_from([np.float32, np.float64]),
    n=st.integers(1, 6), m=st.integers(1, 6), d=st.integers(1, 7),
    data=st.data(),
)
def test_random_matrices_match_sklearn(dtype, n, m, d, data):
    A = data.draw(hnp.arrays(dtype, (n, d), elements=ENTRY))
    B = data.draw(st.one_of(st.none(), hnp.arrays(dtype, (m, d), elements=ENTRY)))
    _assert_matches_sklearn(A, B)


def test_sklearn_agrees_that_zero_vectors_score_zero():
    rng = np.random.default_rng(0)
    A, B = rng.standard_normal((4, 5)), rng.standard_normal((3, 5))
    A[1] = 0.0
    B[2] = 0.0
    got = cosine_similarity(A, B)
    assert np.all(got[1] == 0.0) and np.all(got[:, 2] == 0.0)
    _assert_matches_sklearn(A, B)
