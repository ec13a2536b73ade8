"""Comparators: built-in diagnoses, tolerances by dtype, structures, custom comparators.

Values go through wire.roundtrip first, exactly as the engine sees both sides."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mlkata.judge import compare
from mlkata.judge.compare import Mismatch, allclose, exact, tolerance
from mlkata.judge.wire import roundtrip


def check(got, expected, **options) -> Mismatch | None:
    return allclose(roundtrip(got), roundtrip(expected), **options)


EXPECTED = np.array([[0.25, 0.75], [0.5, 0.5]])


# -- built-in diagnoses -------------------------------------------------------------

def test_passes_when_equal():
    assert check(EXPECTED.copy(), EXPECTED) is None


def test_none_returned():
    m = check(None, EXPECTED)
    assert m.kind == "none"
    assert "returned None" in m.message and "missing `return`" in m.message and "(2, 2)" in m.message


def test_wrong_shape():
    m = check(EXPECTED.T.reshape(4, 1), EXPECTED)
    assert m.kind == "shape" and "expected (2, 2), got (4, 1)" in m.message


def test_dtype_is_demanded_only_when_asked():
    assert check(EXPECTED.astype(np.float32), EXPECTED) is None  # values within float32 tolerance
    m = check(EXPECTED.astype(np.float32), EXPECTED, check_dtype=True)
    assert m.kind == "dtype" and "expected float64, got float32" in m.message


def test_the_less_precise_dtype_sets_the_tolerance():
    exp = np.array([1.0, 2.0, 3.0])
    float32_rounding = exp * (1 + 3e-7)  # float32 arithmetic, returned as float64
    assert check(float32_rounding.astype(np.float32), exp) is None
    assert check(float32_rounding, exp) is not None  # float64 returned: float64 tolerance
    assert check(exp.astype(np.float32) + 1e-3, exp) is not None


def test_same_dtype_compares_dtypes_only():
    x = np.array([1.0, 2.0], dtype=np.float32)
    assert compare.same_dtype(roundtrip(x * 7), roundtrip(x)) is None
    m = compare.same_dtype(roundtrip(x.astype(np.float64)), roundtrip(x))
    assert m.kind == "dtype" and "expected float32, got float64" in m.message
    assert compare.compare("same_dtype", roundtrip({"a": x}), roundtrip({"a": x})) is None


@pytest.mark.parametrize(("bad", "word"), [(np.nan, "NaN"), (np.inf, "inf"), (-np.inf, "inf")])
def test_nan_or_inf_produced(bad, word):
    got = EXPECTED.copy()
    got[1, 0] = bad
    m = check(got, EXPECTED)
    assert m.kind == "nan"
    assert f"produced {word}" in m.message and "1 of 4" in m.message and "(1, 0)" in m.message


def test_non_finite_where_the_answer_is_non_finite_too_is_fine():
    exp = np.array([-np.inf, 0.0, np.nan])
    assert check(exp.copy(), exp) is None
    assert check(np.array([0.0, 0.0, np.nan]), exp).kind == "value"


def test_a_mismatch_beside_matching_neg_inf_entries_raises_no_numpy_warning():
    expected = np.array([0.0, -np.inf, 1.0])
    got = np.array([0.0, -np.inf, 2.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a RuntimeWarning here would reach the user's terminal
        m = allclose(got, expected)
    assert m is not None and m.kind == "value" and "1 of 3 entries differ" in m.message


def test_tensor_expected():
    m = check(EXPECTED.copy(), torch.tensor(EXPECTED))
    assert m.kind == "type" and "expected a torch.Tensor" in m.message and "array float64 (2, 2)" in m.message
    assert check(torch.tensor(EXPECTED), torch.tensor(EXPECTED)) is None


def test_bfloat16_dtype_is_seen_through_its_float32_travel_form():
    exp = torch.tensor([0.5, 0.25], dtype=torch.bfloat16)
    assert check(exp.clone(), exp) is None
    m = check(exp.float(), exp, check_dtype=True)
    assert m.kind == "dtype" and "expected bfloat16, got float32" in m.message


def test_unsupported_types_are_named_and_refused():
    class Anything:
        def __eq__(self, other):
            return True

    m = check(Anything(), EXPECTED)
    assert m.kind == "type" and "Anything" in m.message and "does not accept" in m.message


def test_not_an_array():
    m = check([[0.25, 0.75], [0.5, 0.5]], EXPECTED)
    assert m.kind == "type" and "expected array float64 (2, 2), got list" in m.message


def test_value_mismatch_names_the_worst_entry():
    got = EXPECTED.copy()
    got[0, 1] = 0.7
    got[1, 1] = 0.1
    m = check(got, EXPECTED)
    assert m.kind == "value" and "2 of 4 entries differ" in m.message and "largest at (1, 1)" in m.message
    assert "expected 0.5, got 0.1" in m.message


# -- tolerances ---------------------------------------------------------------------

@pytest.mark.parametrize(("dtype", "rtol", "atol"), [
    ("float16", 1e-3, 1e-3), ("bfloat16", 1e-2, 1e-2), ("float32", 1e-5, 1e-6), ("float64", 1e-7, 1e-10),
    ("complex64", 1e-5, 1e-6), ("complex128", 1e-7, 1e-10), ("int64", 1e-7, 1e-10),
])
def test_default_tolerance_by_dtype(dtype, rtol, atol):
    assert tolerance(dtype, None, None) == (rtol, atol)
    assert tolerance(dtype, 0.5, None) == (0.5, atol)
    assert tolerance(dtype, None, 0.25) == (rtol, 0.25)


@pytest.mark.parametrize(("dtype", "ok", "too_far"), [
    (np.float64, 5e-8, 5e-6), (np.float32, 5e-6, 5e-4), (np.float16, 4e-4, 5e-2),
])
def test_tolerance_follows_the_expected_dtype(dtype, ok, too_far):
    exp = np.array([1.0, 2.0, 3.0], dtype=dtype)
    near = (exp.astype(np.float64) * (1 + ok)).astype(dtype)
    far = (exp.astype(np.float64) * (1 + too_far)).astype(dtype)
    assert check(near, exp) is None
    assert check(far, exp).kind == "value"


def test_float32_answer_is_not_held_to_float64_tolerance():
    exp = np.array([1.0], dtype=np.float32)
    got = np.array([1.0 + 2e-6], dtype=np.float64)
    assert check(got, exp, check_dtype=False) is None
    assert check(got, exp.astype(np.float64)).kind == "value"


def test_explicit_tolerance_wins():
    exp = np.array([1.0, 2.0])
    assert check(exp + 1e-3, exp).kind == "value"
    assert check(exp + 1e-3, exp, atol=1e-2) is None
    assert check(exp * 1.01, exp, rtol=0.02) is None


def test_exact():
    exp = np.array([1, 2, 3])
    assert exact(roundtrip(exp.copy()), roundtrip(exp)) is None
    assert exact(roundtrip(exp.astype(np.int32)), roundtrip(exp)) is None  # dtype not checked
    m = exact(roundtrip(np.array([1, 2, 4])), roundtrip(exp))
    assert m.kind == "value" and "expected 3, got 4" in m.message
    assert exact(roundtrip(np.array([1.0, 2.0, 3.0 + 1e-12])), roundtrip(exp.astype(float))).kind == "value"


def test_bool_masks():
    exp = np.array([True, False, True])
    assert check(exp.copy(), exp) is None
    m = check(np.array([True, True, True]), exp)
    assert m.kind == "value" and "1 of 3 entries differ" in m.message and "(1,)" in m.message
    assert check(exp.astype(np.int64), exp, check_dtype=True).kind == "dtype"


def test_empty_arrays():
    assert check(np.zeros((0, 5)), np.zeros((0, 5))) is None
    assert check(np.zeros((0, 4)), np.zeros((0, 5))).kind == "shape"


# -- structures and scalars ------------------------------------------------------------

def test_structures_name_the_path():
    exp = {"out": np.ones(2), "cache": [np.zeros(1), 3]}
    assert check({"out": np.ones(2), "cache": [np.zeros(1), 3], "extra": 1}, exp) is None
    m = check({"out": np.ones(2)}, exp)
    assert m.kind == "structure" and "missing keys ['cache']" in m.message
    m = check({"out": np.ones(2), "cache": [np.zeros(1), 4]}, exp)
    assert m.kind == "value" and m.message.startswith("output['cache'][1]")
    m = check({"out": np.ones(2), "cache": [np.zeros(1)]}, exp)
    assert m.kind == "structure" and "expected 2 items, got 1" in m.message
    assert check((np.ones(2), 1.0), [np.ones(2), 1.0]) is None  # a tuple is a sequence
    assert check(np.ones(2), [np.ones(2)]).kind == "structure"
    assert check([1, 2], {"a": 1}).kind == "structure"


def test_scalars():
    assert check(1.0, 1.0 + 1e-12) is None
    assert check(np.float32(0.5), 0.5) is None
    assert check(1, 1.0) is None
    assert check(2.0, 1.0).kind == "value"
    assert check(float("nan"), float("nan")) is None
    assert check(float("inf"), 1.0).kind == "nan"
    assert check("1.0", 1.0).kind == "type"
    assert check(np.ones(1), 1.0).kind == "type"


def test_other_plain_values_compare_by_type_and_value():
    assert check("abc", "abc") is None
    assert check("abd", "abc").kind == "value"
    assert check(None, None) is None
    assert check(True, True) is None
    assert check(1, True).kind == "value"


def test_an_array_against_a_plain_value_is_a_mismatch_not_a_crash():
    assert check(np.array([True, False]), True).kind == "value"
    assert check(np.zeros(3), "abc").kind == "value"
    assert check(np.zeros(()), None).kind == "value"


@given(hnp.arrays(st.sampled_from([np.float32, np.float64]), hnp.array_shapes(max_dims=3, max_side=4),
                  elements=st.floats(-1e6, 1e6, width=32)))
def test_anything_agrees_with_itself(arr):
    assert check(arr.copy(), arr) is None
    assert check(arr.copy(), arr, rtol=0.0, atol=0.0) is None


# -- registry and custom comparators ---------------------------------------------------

def test_resolve():
    assert compare.resolve("allclose") is allclose
    assert compare.resolve("exact") is exact
    with pytest.raises(KeyError):
        compare.resolve("nope")

    def sorted_rows(got, expected, **_):
        return None if sorted(got) == sorted(expected) else Mismatch("value", "rows differ")

    class FakeProblem:
        def comparator(self, name):
            return sorted_rows if name == "sorted_rows" else None

    assert compare.resolve("sorted_rows", FakeProblem()) is sorted_rows
    assert compare.resolve("allclose", FakeProblem()) is allclose


def test_describe():
    assert compare.describe(None) == "None"
    assert compare.describe(roundtrip(np.zeros((2, 3), np.float32))) == "array float32 (2, 3)"
    assert compare.describe(roundtrip(torch.zeros(2))) == "tensor float32 (2,)"
    assert compare.describe(roundtrip(torch.zeros(2, dtype=torch.bfloat16))) == "tensor bfloat16 (2,)"
    assert compare.describe([1]) == "list"


def test_grid_takes_only_small_numeric_1d_and_2d_arrays():
    from mlkata.judge.compare import grid, grids

    assert grid(np.array([1.5, 2.0])) == [["1.5", "2"]]
    assert grid(np.arange(6).reshape(2, 3)) == [["0", "1", "2"], ["3", "4", "5"]]
    assert grid(np.zeros((9, 9))) is None and grid(np.zeros((2, 2, 2))) is None and grid(np.array(["a"])) is None
    assert set(grids({"x": np.ones(3), "axis": -1}, np.ones(3), {"out": 1})) == {"input:x", "expected"}
