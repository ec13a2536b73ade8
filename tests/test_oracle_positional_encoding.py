"""The positional_encoding model answer against independent formulations: transformers' XLM
`create_sinusoidal_embeddings` (base 10000, float32 values) and the formula entry by entry in Python's
math, on every bank case and on random sizes and bases; and the properties the table is built for."""

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from transformers.models.xlm.modeling_xlm import create_sinusoidal_embeddings

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("positional_encoding")
sinusoidal_positions = PROBLEM.load_module("solution.py").sinusoidal_positions


def by_formula(L: int, d: int, base: float) -> np.ndarray:
    """PE[p, j] from the definition, one entry at a time."""
    def entry(p, j):
        angle = p / base ** (2 * (j // 2) / d)
        return math.sin(angle) if j % 2 == 0 else math.cos(angle)
    return np.array([[entry(p, j) for j in range(d)] for p in range(L)], dtype=np.float64).reshape(L, d)


def by_xlm(L: int, d: int) -> np.ndarray:
    return create_sinusoidal_embeddings(L, d, torch.empty(L, d)).numpy()


def check(L: int, d: int, base: float = 10000.0) -> None:
    got = sinusoidal_positions(L, d, base)
    assert got.shape == (L, d) and got.dtype == np.float64
    np.testing.assert_allclose(got, by_formula(L, d, base), rtol=1e-12, atol=1e-12)
    if base == 10000.0:
        np.testing.assert_allclose(got, by_xlm(L, d), rtol=0, atol=1e-6)  # XLM stores float32


def _bank_cases():
    for c in PROBLEM.checks:
        for case in c.cases:
            yield pytest.param(case.args["L"], case.args["d"], case.args.get("base", 10000.0),
                               id=f"{c.name}: {case.label}")


@pytest.mark.parametrize(("L", "d", "base"), list(_bank_cases()))
def test_every_bank_case_matches_the_oracles(L, d, base):
    check(L, d, base)


@settings(max_examples=80, deadline=None)
@given(L=st.integers(1, 64), d=st.integers(1, 40),
       base=st.one_of(st.just(10000.0), st.floats(1.5, 1e6)))
def test_random_sizes_and_bases_match_the_oracles(L, d, base):
    check(L, d, base)


def test_properties():
    pe = sinusoidal_positions(64, 16)
    # position 0: sin(0) = 0 in even columns, cos(0) = 1 in odd ones
    np.testing.assert_array_equal(pe[0], np.tile([0.0, 1.0], 8))
    # every pair is a unit vector, so each row has norm sqrt(d / 2)
    np.testing.assert_allclose(np.linalg.norm(pe, axis=1), math.sqrt(8), rtol=1e-12)
    # PE[p] . PE[p + k] = sum_i cos(k w_i): it depends on the offset k only
    gram = pe @ pe.T
    for k in (1, 5, 17):
        np.testing.assert_allclose(np.diagonal(gram, k), np.diagonal(gram, k)[0], rtol=1e-10)
