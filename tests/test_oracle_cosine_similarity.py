"""The cosine_similarity model answer against an independent implementation:
sklearn.metrics.pairwise.cosine_similarity (which also scores a zero vector 0). Then other correct answers
(other eps placements, einsum, a double loop, float64 arithmetic cast back, clipping) pass every check,
and other spellings of the catalogued bugs are diagnosed as them."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.metrics.pairwise import cosine_similarity as sk_cosine_similarity

from judging import edited, judge, summary
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


# -- other correct answers pass, other spellings of the bugs are diagnosed ------------------------------

@pytest.fixture(scope="module")
def judged():
    return judge(PROBLEM)


# the pairwise formula with the norms broadcast by hand; eps on the product of the norms
PLAIN = '''
import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    na = np.linalg.norm(A, axis=1)  # NA
    nb = np.linalg.norm(B, axis=1)  # NB
    return (A @ B.T) / np.maximum(na[:, None] * nb[None, :], eps)
'''

EINSUM_PLUS_EPS = '''
import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    dots = np.einsum("nd,md->nm", A, B)
    na = np.sqrt(np.einsum("nd,nd->n", A, A))
    nb = np.sqrt(np.einsum("md,md->m", B, B))
    return dots / (na[:, None] * nb[None, :] + eps)
'''

DOUBLE_LOOP = '''
import math

import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    out = np.zeros((A.shape[0], B.shape[0]), dtype=A.dtype)
    for i in range(A.shape[0]):
        for j in range(B.shape[0]):
            dot = sum(float(a) * float(b) for a, b in zip(A[i], B[j]))
            na = math.sqrt(sum(float(a) ** 2 for a in A[i]))
            nb = math.sqrt(sum(float(b) ** 2 for b in B[j]))
            out[i, j] = 0.0 if na == 0 or nb == 0 else dot / (na * nb)
    return out
'''

# float64 arithmetic cast back; eps inside the square root; the result clipped to [-1, 1]
UPCAST_SQRT_EPS_CLIP = '''
import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    A64, B64 = A.astype(np.float64), B.astype(np.float64)
    a = A64 / np.sqrt((A64 ** 2).sum(axis=1, keepdims=True) + eps ** 2)
    b = B64 / np.sqrt((B64 ** 2).sum(axis=1, keepdims=True) + eps ** 2)
    return np.clip(a @ b.T, -1.0, 1.0).astype(A.dtype)
'''

# no eps at all: 0 / 0 repaired with np.where
WHERE_ZERO = '''
import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    num = A @ B.T
    denom = np.outer(np.linalg.norm(A, axis=1), np.linalg.norm(B, axis=1))
    with np.errstate(invalid="ignore", divide="ignore"):
        sim = num / denom
    return np.where(denom == 0, 0, sim).astype(A.dtype)
'''


@pytest.mark.parametrize("source", [PLAIN, EINSUM_PLUS_EPS, DOUBLE_LOOP, UPCAST_SQRT_EPS_CLIP, WHERE_ZERO],
                         ids=["plain", "einsum-plus-eps", "double-loop", "upcast-sqrt-eps-clip", "where-zero"])
def test_other_correct_answers_pass_every_check(judged, source):
    assert judged.failing_cases(source) == []


SPELLINGS = {
    "normalizes-whole-matrix": [("np.linalg.norm(A, axis=1)  # NA", "np.linalg.norm(A) * np.ones(len(A))  # NA"),
                                ("np.linalg.norm(B, axis=1)  # NB", "np.linalg.norm(B) * np.ones(len(B))  # NB")],
    "zero-vector-nan": [("np.maximum(na[:, None] * nb[None, :], eps)", "(na[:, None] * nb[None, :])")],
    "normalizes-wrong-axis": [("    return (A @ B.T)",
                               "    A = A / np.linalg.norm(A, axis=0)\n    B = B / np.linalg.norm(B, axis=0)\n"
                               "    return A @ B.T\n    return (A @ B.T)")],
    "missing-keepdims": [("    return (A @ B.T)",
                          "    return (A / np.maximum(na, eps)) @ (B / np.maximum(nb, eps)).T\n    return (A @ B.T)")],
    "norm-product-not-outer": [("na[:, None] * nb[None, :]", "na * nb")],
    "norm-not-square-rooted": [("np.linalg.norm(A, axis=1)  # NA", "np.sum(A * A, axis=1)  # NA"),
                               ("np.linalg.norm(B, axis=1)  # NB", "np.sum(B * B, axis=1)  # NB")],
    "normalizes-in-place": [("    return (A @ B.T)",
                             "    A /= np.maximum(na, eps)[:, None]\n"
                             "    B /= np.maximum(np.linalg.norm(B, axis=1), eps)[:, None]\n"
                             "    return A @ B.T\n    return (A @ B.T)")],
}


@pytest.mark.parametrize("mistake_id", list(SPELLINGS))
def test_other_spellings_of_a_mistake_are_diagnosed_as_it(judged, mistake_id):
    ranked = judged.ranked(edited(PLAIN, SPELLINGS[mistake_id]), mistake_id)
    assert ranked and ranked[0].mistake_id == mistake_id, summary(ranked)
