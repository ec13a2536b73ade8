"""Named checks for cosine_similarity: inputs only; expected values come from the model answer.

Every nonzero vector in the checks has norm >= 0.5. Down there the usual ways of guarding the
division (max(norm, eps), norm + eps, sqrt(norm**2 + eps**2), ||a|| * ||b|| + eps) agree to a
relative 1e-8 / 0.25 = 4e-8, far inside the tolerance below, so all of them pass; they only part
ways for norms near eps, which the contract leaves out (below ~1e-6, exact zeros aside).
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency, Mismatch, allclose

# Cosines lie in [-1, 1], so an absolute floor is natural: float32 rounding in a D <= 64 dot product
# of unit vectors stays below ~1e-6. One tolerance for every dtype: the contract leaves the arithmetic
# (float32 or float64) and the result's dtype open.
RTOL, ATOL = 1e-5, 1e-5


def cosine_close(got, expected, path: str = "output", **_) -> Mismatch | None:
    """allclose within rtol = atol = 1e-5, whatever the dtypes (a float64 result for float32 input is fine)."""
    return allclose(got, expected, rtol=RTOL, atol=ATOL, path=path)


def _label(A: np.ndarray, B: np.ndarray | None = None, note: str = "") -> str:
    if B is None:
        return f"A {A.dtype} {A.shape}, B is A" + note
    return f"A {A.dtype} {A.shape}, B {B.shape}" + note


def _case(A: np.ndarray, B: np.ndarray, eps: float | None = None, note: str = "") -> Case:
    if eps is None:
        return Case("cosine_default_eps", {"A": A, "B": B}, _label(A, B, note))
    return Case("cosine", {"A": A, "B": B, "eps": eps}, _label(A, B, f", eps={eps:g}{note}"))


def checks(rng: np.random.Generator) -> list[Check]:
    def rows(n: int, d: int, dtype=np.float64, low: float = 0.5, high: float = 3.0, log: bool = False):
        """n random directions in R^d with lengths in [low, high] (log-uniform if log)."""
        x = rng.standard_normal((n, d))
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        lengths = np.exp(rng.uniform(np.log(low), np.log(high), n)) if log else rng.uniform(low, high, n)
        return (x * lengths[:, None]).astype(dtype)

    def with_zero_rows(x: np.ndarray, idx: list[int]) -> np.ndarray:
        x = x.copy()
        x[idx] = 0.0
        return x

    # parallel, antiparallel and orthogonal pairs: cosines of exactly 1, -1 and 0
    base = rows(3, 6)
    ortho = rng.standard_normal(6)
    ortho -= (ortho @ base[2]) / (base[2] @ base[2]) * base[2]  # remove the component along base[2]
    special_B = np.stack([2.5 * base[0], -0.7 * base[1], ortho])
    base32 = rows(2, 5, np.float32)
    special_B32 = np.stack([4.0 * base32[0], -base32[0] * 0.25]).astype(np.float32)

    return [
        Check("random shapes, N != M (float64)", [
            _case(rows(4, 8), rows(6, 8)), _case(rows(7, 5), rows(3, 5), eps=1e-8),
            _case(rows(2, 16), rows(9, 16)), _case(rows(3, 10), rows(1, 10), eps=1e-10),
        ], compare="cosine_close"),
        Check("float32 inputs", [
            _case(rows(6, 12, np.float32), rows(4, 12, np.float32)),
            _case(rows(3, 7, np.float32), rows(5, 7, np.float32), eps=1e-8),
        ], compare="cosine_close"),
        Check("a single query (N = 1) against several rows", [
            _case(rows(1, 4), rows(5, 4)), _case(rows(1, 9, np.float32), rows(3, 9, np.float32)),
        ], compare="cosine_close"),
        Check("D = 1 (every cosine is +1 or -1)", [
            _case(rows(4, 1), rows(3, 1)), _case(rows(2, 1, np.float32), rows(5, 1, np.float32)),
        ], compare="cosine_close"),
        Check("square inputs (N = M = D)", [
            _case(rows(4, 4), rows(4, 4)), _case(rows(6, 6, np.float32), rows(6, 6, np.float32)),
            _case(rows(3, 3), rows(3, 3), eps=1e-8),
        ], compare="cosine_close"),
        Check("parallel, antiparallel and orthogonal vectors (cosines 1, -1, 0)", [
            _case(base, special_B, note=" (B = 2.5 A[0], -0.7 A[1], a vector orthogonal to A[2])"),
            _case(base32, special_B32, note=" (B[0] = 4 A[0], B[1] = -0.25 A[0])"),
        ], compare="cosine_close"),
        Check("vector lengths from 0.5 to 1e4 (cosine ignores length)", [
            _case(rows(5, 8, low=0.5, high=1e4, log=True), rows(4, 8, low=0.5, high=1e4, log=True)),
            _case(rows(4, 6, np.float32, low=0.5, high=1e4, log=True),
                  rows(3, 6, np.float32, low=0.5, high=1e4, log=True)),
        ], compare="cosine_close"),
        Check("zero vectors score 0", [
            _case(with_zero_rows(rows(5, 6), [1, 3]), rows(4, 6), note=" (A[1], A[3] are zero)"),
            _case(rows(3, 5), with_zero_rows(rows(4, 5), [0]), note=" (B[0] is zero)"),
            _case(with_zero_rows(rows(4, 7, np.float32), [2]), with_zero_rows(rows(3, 7, np.float32), [1]),
                  eps=1e-8, note=" (A[2], B[1] are zero)"),
            _case(np.zeros((3, 4)), rows(2, 4), note=" (A is all zeros)"),
            _case(np.zeros((1, 3)), np.zeros((2, 3)), note=" (every vector is zero)"),
        ], compare="cosine_close"),
        Check("A is B (self-similarity: diagonal 1, or 0 for a zero row)", [
            Case("self_similarity", {"A": A}, _label(A, note=note)) for A, note in [
                (rows(5, 8), ""), (with_zero_rows(rows(4, 6), [2]), " (A[2] is zero)"),
                (rows(6, 3, np.float32), ""),
            ]
        ], compare="cosine_close"),
        Check("leaves A and B unchanged", [
            Case("inputs_after_call", {"A": A, "B": B}, _label(A, B, " after the call")) for A, B in [
                (rows(3, 5), rows(4, 5)), (rows(2, 4, np.float32), rows(2, 4, np.float32)),
            ]
        ], compare="exact"),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    # Large enough that the model answer (~0.1 ms) is not lost in timing overhead; a Python double
    # loop over the 128 * 96 pairs stays far inside the time limit yet is hundreds of times slower.
    A, B = rng.standard_normal((128, 32)), rng.standard_normal((96, 32))
    return Efficiency(Case("cosine_default_eps", {"A": A, "B": B}, "A (128, 32), B (96, 32)"), repeats=5)
