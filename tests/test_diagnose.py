"""diagnose.rank: which catalogued mistakes explain a submission's failures, most specific first."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from mlkata.judge import compare, diagnose
from mlkata.judge.local import Outcome
from mlkata.judge.wire import roundtrip


def eq(a, b) -> bool:
    return a == b


def values(*xs) -> list[Outcome]:
    """Outcomes from plain values; a string starting with '!' is a raised exception of that type."""
    return [Outcome(error={"type": x[1:]}) if isinstance(x, str) and x.startswith("!") else Outcome(value=x)
            for x in xs]


def rank(sub, ref, mistakes):
    n = len(ref)
    return diagnose.rank(values(*sub), values(*ref), {k: values(*v) for k, v in mistakes.items()}, [eq] * n)


def ids(matches) -> list[str]:
    return [m.mistake_id for m in matches]


REF = (1, 2, 3, 4, 5, 6)


def test_same():
    assert diagnose.same(Outcome(value=1), Outcome(value=1), eq)
    assert not diagnose.same(Outcome(value=1), Outcome(value=2), eq)
    assert diagnose.same(Outcome(error={"type": "ValueError"}), Outcome(error={"type": "ValueError"}), eq)
    assert not diagnose.same(Outcome(error={"type": "ValueError"}), Outcome(error={"type": "KeyError"}), eq)
    assert not diagnose.same(Outcome(error={"type": "ValueError"}), Outcome(value=1), eq)
    assert not diagnose.same(Outcome(value=1), Outcome(error={"type": "ValueError"}), eq)


def test_a_passing_submission_has_no_diagnosis():
    assert rank(REF, REF, {"a": (1, 9, 9, 4, 5, 6)}) == []


def test_the_mistake_that_reproduces_the_failures_is_found():
    sub = (1, 9, 9, 4, 5, 6)
    matches = rank(sub, REF, {"exact": sub, "unrelated": (1, 2, 3, 4, 7, 7)})
    assert ids(matches) == ["exact"]
    m = matches[0]
    assert m.explained == 2 and m.explained_cases == frozenset({1, 2}) and m.contradicted == 0
    assert m.agreement == 6 and m.score == (2, 6)


def test_a_mistake_must_give_the_same_wrong_result_not_just_fail_there():
    sub = (1, 9, 9, 4, 5, 6)
    assert rank(sub, REF, {"fails-differently": (1, 8, 8, 4, 5, 6)}) == []


def test_exceptions_match_by_type():
    sub = (1, "!ValueError", 3, 4, 5, 6)
    assert ids(rank(sub, REF, {"raises": (1, "!ValueError", 3, 4, 5, 6),
                               "raises-other": (1, "!KeyError", 3, 4, 5, 6)})) == ["raises"]


def test_contradictions_count_against_a_mistake():
    sub = (1, 9, 3, 4, 5, 6)
    # explains case 1, but fails cases 2 and 3 that the submission passes: not reported
    assert rank(sub, REF, {"too-broken": (1, 9, 0, 0, 5, 6)}) == []
    # explains 2, contradicts 1: reported, behind one that contradicts nothing
    sub = (1, 9, 9, 4, 5, 6)
    matches = rank(sub, REF, {"noisy": (1, 9, 9, 0, 5, 6), "clean": (1, 9, 9, 4, 5, 6)})
    assert ids(matches) == ["clean"]  # noisy explains nothing clean does not: dropped
    noisy = rank(sub, REF, {"noisy": (1, 9, 9, 0, 5, 6)})
    assert ids(noisy) == ["noisy"] and noisy[0].contradicted == 1 and noisy[0].score == (1, 5)


def test_explained_must_exceed_contradicted():
    sub = (1, 9, 3, 4, 5, 6)
    assert rank(sub, REF, {"even": (1, 9, 0, 4, 5, 6)}) == []  # 1 explained, 1 contradicted


def test_ranking_by_net_explained_then_agreement():
    sub = (9, 9, 9, 4, 5, 6)
    mistakes = {
        "three-noisy": (9, 9, 9, 0, 0, 6),  # explains {0, 1, 2} but contradicts {3, 4}: net 1
        "one": (9, 2, 3, 4, 5, 6),          # explains {0}: net 1
        "two": (1, 9, 9, 4, 5, 6),          # explains {1, 2}: net 2
    }
    matches = rank(sub, REF, mistakes)
    # "two" first; then "three-noisy" (net 1, ties "one") adds case 0; "one" then adds nothing
    assert ids(matches) == ["two", "three-noisy"]
    assert [m.score for m in matches] == [(2, 5), (1, 4)]


def test_agreement_breaks_ties():
    """With a tolerance, two mistakes can explain the same failures and still differ on the
    passing cases: the one that reproduces the submission more closely comes first."""

    def near(a, b):
        return abs(a - b) <= 1

    ref = values(0, 0, 0, 0)
    sub = values(5, 5, 1, 0)  # fails 0 and 1; case 2 passes (within 1 of the answer)
    mistakes = {
        "far": values(5, 5, -1, 0),   # also passes case 2, but 2 away from the submission there
        "close": values(5, 5, 1, 0),
    }
    matches = diagnose.rank(sub, ref, mistakes, [near] * 4)
    assert ids(matches) == ["close"]  # "far" explains nothing more: dropped
    assert matches[0].score == (2, 4)
    alone = diagnose.rank(sub, ref, {"far": mistakes["far"]}, [near] * 4)
    assert alone[0].score == (2, 3)


def test_subset_drop_rule():
    sub = (9, 9, 9, 9, 5, 6)
    mistakes = {
        "a": (9, 9, 3, 4, 5, 6),      # explains {0, 1}: net 2, agreement 4
        "b": (1, 2, 9, 9, 5, 6),      # explains {2, 3}: net 2, agreement 4
        "ab-part": (9, 2, 3, 9, 5, 6),  # explains {0, 3} - covered by a | b together: dropped
        "a-part": (9, 2, 3, 4, 5, 6),   # explains {0} - covered by a: dropped
    }
    matches = rank(sub, REF, mistakes)
    assert sorted(ids(matches)) == ["a", "b"]
    # a mistake that adds even one new explained case is kept
    mistakes["c"] = (1, 2, 3, 4, 5, 6)  # explains nothing: never reported
    mistakes["d"] = (9, 2, 3, 4, 5, 6)
    assert sorted(ids(rank(sub, REF, mistakes))) == ["a", "b"]


def test_a_lower_ranked_mistake_with_a_new_case_is_kept_after_the_better_one():
    sub = (9, 9, 9, 4, 5, 6)
    mistakes = {
        "wide": (9, 9, 3, 4, 5, 6),        # explains {0, 1}
        "other": (1, 2, 9, 4, 5, 6),       # explains {2}
    }
    assert ids(rank(sub, REF, mistakes)) == ["wide", "other"]


def test_the_exact_reproduction_comes_first_among_overlapping_mistakes():
    sub = (9, 9, 9, 4, 5, 6)
    mistakes = {
        "partial": (9, 9, 3, 4, 5, 6),
        "exact": (9, 9, 9, 4, 5, 6),
        "superset": (9, 9, 9, 9, 5, 6),   # explains all three but contradicts case 3
    }
    assert ids(rank(sub, REF, mistakes)) == ["exact"]


def test_with_real_comparators_on_arrays():
    x = np.linspace(-2, 2, 8).reshape(2, 4)

    def softmax(v, axis):
        e = np.exp(v - v.max(axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)

    ref = [Outcome(value=roundtrip(softmax(x, -1))), Outcome(value=roundtrip(softmax(x, 0)))]
    ignores_axis = [Outcome(value=roundtrip(softmax(x, -1))), Outcome(value=roundtrip(softmax(x, -1)))]
    sub = [Outcome(value=roundtrip(softmax(x, -1) + 1e-9)), Outcome(value=roundtrip(softmax(x, -1) * (1 + 1e-9)))]

    def agree(a, b):
        return compare.allclose(a, b) is None

    matches = diagnose.rank(sub, ref, {"ignores-axis": ignores_axis}, [agree, agree])
    assert ids(matches) == ["ignores-axis"] and matches[0].explained == 1


@given(st.lists(st.integers(0, 3), min_size=1, max_size=8), st.dictionaries(
    st.sampled_from("abcdef"), st.lists(st.integers(0, 3), min_size=8, max_size=8), max_size=6))
def test_invariants(sub_values, mistake_values):
    n = len(sub_values)
    ref = values(*([0] * n))
    sub = values(*sub_values)
    mistakes = {k: values(*v[:n]) for k, v in mistake_values.items()}
    matches = diagnose.rank(sub, ref, mistakes, [eq] * n)
    failing = {i for i, s in enumerate(sub_values) if s != 0}
    covered: set[int] = set()
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    for m in matches:
        assert m.explained > m.contradicted
        assert m.explained_cases <= failing
        assert not m.explained_cases <= covered  # each adds something new
        covered |= m.explained_cases
    if not failing:
        assert matches == []
