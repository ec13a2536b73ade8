"""The bank's self-check (the core invariant), for every problem:
the model answer passes every check, the starter is reported as not implemented,
and every mistake variant fails and is diagnosed as its own family, with certainty,
listed first. (tests/test_spellings.py measures what this cannot: other spellings.)"""

import pytest

from mlkata.judge import forbidden
from mlkata.problems.catalog import all_problems

PROBLEMS = list(all_problems().values())
MISTAKES = [(p, m) for p in PROBLEMS for m in p.mistakes]


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_model_answer_passes_every_check(engine, problem):
    report = engine.check(problem, problem.solution, f"{problem.id}.py")
    failed = [f"{c.name}: {c.message}" for c in report.checks if not c.passed]
    assert report.error is None, report.error
    assert not failed
    assert report.passed and report.mistakes == []
    assert report.efficiency is None or report.efficiency.ratio < 10


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_starter_is_not_implemented(engine, problem):
    report = engine.check(problem, problem.starter, f"{problem.id}.py")
    assert not report.passed
    assert report.error is not None and report.error.kind == "not-implemented"


@pytest.mark.parametrize(("problem", "mistake"), MISTAKES, ids=lambda x: getattr(x, "id", ""))
def test_mistake_is_diagnosed_as_itself(engine, problem, mistake):
    report = engine.check(problem, mistake.source, f"{problem.id}.py")
    assert not report.passed
    assert report.error is None, report.error
    assert report.mistakes, "no mistake diagnosed"
    first = report.mistakes[0]
    named = [(m.id, m.variant, "likely" if m.likely else "certain") for m in report.mistakes]
    assert first.id == mistake.family and first.family == mistake.family, named
    assert not first.likely, named  # the catalogued variant itself is reproduced exactly


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_problem_metadata_is_complete(problem):
    assert problem.hints, "at least one hint"
    assert problem.statement.strip().startswith("# ")
    assert "NotImplementedError" in problem.starter
    ids = [m.id for m in problem.mistakes]
    assert len(ids) == len(set(ids))
    for m in problem.mistakes:
        assert m.id == m.id.lower() and " " not in m.id and "_" not in m.id
        assert m.title and m.explanation and m.hint
    # the model answer and the mistakes never use what the problem forbids
    assert forbidden.scan(problem.solution, problem.forbidden) == []


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_every_check_has_cases_with_labels(problem):
    names = [c.name for c in problem.checks]
    assert len(names) == len(set(names))
    for check in problem.checks:
        assert check.cases
        assert all(case.label for case in check.cases)


def test_every_family_has_one_registered_meaning():
    """bank/families.toml lists each family once with its meaning and where it is catalogued."""
    import tomllib
    from pathlib import Path

    import mlkata.bank

    registry = tomllib.loads((Path(mlkata.bank.__file__).parent / "families.toml").read_text())
    used: dict[str, set[str]] = {}
    for problem in PROBLEMS:
        for m in problem.mistakes:
            used.setdefault(m.family, set()).add(problem.id)
    assert set(registry) == set(used), (set(used) - set(registry), set(registry) - set(used))
    for family, entry in registry.items():
        assert entry["meaning"].strip(), family
        assert set(entry["problems"]) == used[family], family
