"""diagnose: which mistake families explain a submission's failures, best first, exact or likely."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from mlkata.judge import compare, diagnose, signature
from mlkata.judge.local import Outcome
from mlkata.judge.wire import roundtrip


def eq(a, b) -> bool:
    return a == b


def values(*xs) -> list[Outcome]:
    """Outcomes from plain values; a string starting with '!' is a raised exception of that type."""
    return [Outcome(error={"type": x[1:], "message": ""}) if isinstance(x, str) and x.startswith("!")
            else Outcome(value=x) for x in xs]


def rank(sub, ref, variants, families=None, agree=eq):
    """variants: key -> values; families: key -> family (default: the key's part before '@')."""
    info = {k: diagnose.VariantInfo(k, k.split("@")[0], (families or {}).get(k, k.split("@")[0]))
            for k in variants}
    n = len(ref)
    return diagnose.rank(values(*sub), values(*ref), {k: values(*v) for k, v in variants.items()},
                         [agree] * n, info)


def names(matches) -> list[str]:
    return [m.family for m in matches]


REF = (1, 2, 3, 4, 5, 6)


def test_same_compares_values_and_exceptions():
    assert diagnose.same(Outcome(value=1), Outcome(value=1), eq)
    assert not diagnose.same(Outcome(value=1), Outcome(value=2), eq)
    err = {"type": "ValueError", "message": "shapes (3, 4) and (5,) differ"}
    assert diagnose.same(Outcome(error=err), Outcome(error={**err, "message": "shapes (2, 7) and (1,) differ"}), eq)
    assert not diagnose.same(Outcome(error=err), Outcome(error={**err, "message": "something else"}), eq)
    assert not diagnose.same(Outcome(error=err), Outcome(error={"type": "KeyError"}), eq)
    assert not diagnose.same(Outcome(error=err), Outcome(value=1), eq)


def test_a_passing_submission_has_no_diagnosis():
    assert rank(REF, REF, {"a": (1, 9, 9, 4, 5, 6)}) == []


def test_an_exact_reproduction_is_certain():
    sub = (1, 9, 9, 4, 5, 6)
    matches = rank(sub, REF, {"exact": sub, "unrelated": (1, 2, 3, 4, 70, 70)})
    assert names(matches) == ["exact"]
    m = matches[0]
    assert m.certain and m.explained_cases == frozenset({1, 2}) and m.contradicted == 0 and m.share == 1.0


def test_a_bug_in_some_sites_is_named_by_the_union_of_site_variants():
    """Sites 1 and 3 of a three-site mistake: neither the whole variant nor one site alone reproduces it."""
    sub = (9, 2, 9, 4, 5, 6)
    variants = {"m": (9, 9, 9, 4, 5, 6), "m@site1": (9, 2, 3, 4, 5, 6), "m@site2": (1, 9, 3, 4, 5, 6),
                "m@site3": (1, 2, 9, 4, 5, 6), "other": (1, 2, 3, 4, 9, 9)}
    matches = rank(sub, REF, variants)
    assert names(matches) == ["m"]
    assert matches[0].certain and matches[0].explained_cases == frozenset({0, 2})


def test_a_bug_confined_to_one_entry_point_is_named():
    sub = (1, 2, 3, 8, 8, 6)  # only the second function's cases fail
    variants = {"m": (7, 7, 3, 8, 8, 6), "m@entry:first": (7, 7, 3, 4, 5, 6), "m@entry:second": (1, 2, 3, 8, 8, 6)}
    matches = rank(sub, REF, variants)
    assert names(matches) == ["m"] and matches[0].variant == "m@entry:second" and matches[0].certain


def test_a_variant_contradicted_more_than_it_explains_is_not_named():
    sub = (1, 9, 3, 4, 5, 6)
    assert rank(sub, REF, {"too-broken": (1, 9, 0, 0, 5, 6)}) == []


def test_an_unrelated_failure_is_not_named():
    """Wrong where the submission is wrong, but in other outputs: nothing in common."""
    ref = [{"a": 1.0, "b": 2.0}] * 3
    sub = [{"a": 5.0, "b": 2.0}] * 3
    other = [{"a": 1.0, "b": -7.0}] * 3
    info = {"other": diagnose.VariantInfo("other", "other", "other")}
    matches = diagnose.rank([Outcome(value=v) for v in sub], [Outcome(value=v) for v in ref],
                            {"other": [Outcome(value=v) for v in other]}, [eq] * 3, info)
    assert matches == []


def test_the_same_defect_spelled_differently_is_likely():
    """NaN where the variant overflows to inf, at the same entries: named, but as likely."""
    e = np.array([0.2, 0.3, 0.5])
    ref = [Outcome(value=roundtrip(e))] * 2
    sub = [Outcome(value=roundtrip(np.array([np.nan, np.nan, 0.5])))] * 2
    overflow = [Outcome(value=roundtrip(np.array([np.inf, np.inf, 0.5])))] * 2
    elsewhere = [Outcome(value=roundtrip(np.array([0.2, 0.3, 7.0])))] * 2
    agree = [lambda a, b: compare.allclose(a, b) is None] * 2
    info = {k: diagnose.VariantInfo(k, k, k) for k in ("overflow", "elsewhere")}
    matches = diagnose.rank(sub, ref, {"overflow": overflow, "elsewhere": elsewhere}, agree, info)
    assert names(matches) == ["overflow"] and not matches[0].certain


def test_families_are_ranked_by_the_share_they_explain_not_by_exact_counts():
    """One family reproduces 1 of 6 failures exactly; another accounts for all 6 in another spelling."""
    ref = [Outcome(value=roundtrip(np.zeros(4)))] * 6
    sub = [Outcome(value=roundtrip(np.array([1.0, 1.0, 0.0, 0.0])))] + \
          [Outcome(value=roundtrip(np.array([1.1, 1.1, 0.0, 0.0]) * (k + 1))) for k in range(1, 6)]
    narrow = [Outcome(value=roundtrip(np.array([1.0, 1.0, 0.0, 0.0])))] + [Outcome(value=roundtrip(np.zeros(4)))] * 5
    broad = [Outcome(value=roundtrip(np.array([1.05, 1.05, 0.0, 0.0]) * (k + 1))) for k in range(6)]
    agree = [lambda a, b: compare.allclose(a, b) is None] * 6
    info = {k: diagnose.VariantInfo(k, k, k) for k in ("narrow", "broad")}
    matches = diagnose.rank(sub, ref, {"narrow": narrow, "broad": broad}, agree, info)
    assert names(matches)[0] == "broad"


def test_a_catalogued_variant_beats_a_derived_one_that_behaves_the_same():
    sub = (1, 9, 3, 4, 5, 6)
    matches = rank(sub, REF, {"wide@site2": sub, "narrow": sub}, families={"wide@site2": "wide"})
    assert names(matches) == ["narrow"]


def test_exceptions_match_by_type_and_message():
    sub = (1, "!ValueError", 3, 4, 5, 6)
    matches = rank(sub, REF, {"raises": (1, "!ValueError", 3, 4, 5, 6), "raises-other": (1, "!KeyError", 3, 4, 5, 6)})
    assert names(matches)[0] == "raises" and matches[0].certain


def test_signatures_tell_what_is_wrong():
    ref = Outcome(value=roundtrip({"out": np.ones(3), "w": np.ones(2)}))
    nan = signature.signature(Outcome(value=roundtrip({"out": np.array([np.nan, 1, 1]), "w": np.ones(2)})), ref)
    assert list(nan.leaves) == ["['out']"] and nan.leaves["['out']"].kind == "nonfinite"
    shape = signature.signature(Outcome(value=roundtrip({"out": np.ones(4), "w": np.ones(2)})), ref)
    assert shape.leaves["['out']"].kind == "shape"
    assert signature.similarity(nan, nan) == 1.0
    assert signature.similarity(nan, shape) == 0.0
    raised = signature.signature(Outcome(error={"type": "TypeError", "message": "x"}), ref)
    assert signature.similarity(raised, nan) == 0.0


@given(st.lists(st.integers(0, 3), min_size=1, max_size=8), st.dictionaries(
    st.sampled_from(["a", "b", "c", "a@site1", "a@site2", "b@entry:f"]),
    st.lists(st.integers(0, 3), min_size=8, max_size=8), max_size=6))
def test_invariants(sub_values, variant_values):
    n = len(sub_values)
    matches = rank(sub_values, [0] * n, {k: v[:n] for k, v in variant_values.items()})
    failing = {i for i, s in enumerate(sub_values) if s != 0}
    covered: set[int] = set()
    for m in matches:
        assert 0 < m.score <= 1.0 + 1e-9
        assert m.explained_cases <= failing and m.covered_cases <= failing
        assert m.certain == (2 * len(m.explained_cases) >= len(failing))
        assert not m.covered_cases <= covered  # each named family adds something
        covered |= m.covered_cases
    if not failing:
        assert matches == []
