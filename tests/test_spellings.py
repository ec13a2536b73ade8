"""The spelling gate: independently written submissions, kept as data, judged as a user's file is.

    tests/spellings/<problem>/<family>__<name>.py   a buggy submission: its first named mistake is <family>
    tests/spellings/<problem>/correct__<name>.py    a correct one in another style: it passes every check

They are written as a candidate would write them, never by editing the model answer, so they
measure whether diagnosis generalises beyond the bank's own variants.
"""

from pathlib import Path

import pytest

from mlkata.problems.catalog import all_problems

ROOT = Path(__file__).parent / "spellings"
PROBLEMS = all_problems()


def _files(kind: str):
    out = []
    for path in sorted(ROOT.glob("*/*.py")):
        family, _, _ = path.stem.partition("__")
        if (family == "correct") == (kind == "correct"):
            out.append(pytest.param(path, id=f"{path.parent.name}/{path.stem}"))
    return out


@pytest.mark.parametrize("path", _files("correct"))
def test_correct_alternative_passes(engine, path):
    problem = PROBLEMS[path.parent.name]
    report = engine.check(problem, path.read_text(), path.name)
    failed = [f"{c.name}: {c.message}" for c in report.checks if not c.passed]
    assert report.error is None, report.error
    assert report.passed, failed


@pytest.mark.parametrize("path", _files("buggy"))
def test_spelling_is_named_as_its_family(engine, path):
    problem = PROBLEMS[path.parent.name]
    family = path.stem.partition("__")[0]
    assert family in problem.families, f"{family!r} is not a mistake family of {problem.id}"
    report = engine.check(problem, path.read_text(), path.name)
    assert not report.passed, "a buggy spelling passed every check"
    named = [m.id for m in report.mistakes]
    assert named and named[0] == family, (named, report.error)


def test_every_family_has_two_spellings():
    """At least two spellings per family, except where the catalogue says it has one written form."""
    missing = []
    for problem in PROBLEMS.values():
        for family in problem.families:
            n = len(list((ROOT / problem.id).glob(f"{family}__*.py")))
            single = any(m.family == family and m.single_spelling for m in problem.mistakes)
            if n < (1 if single else 2):
                missing.append(f"{problem.id}/{family}: {n}")
    assert not missing, missing


def test_every_problem_has_correct_alternatives():
    few = [p.id for p in PROBLEMS.values() if len(list((ROOT / p.id).glob("correct__*.py"))) < 3]
    assert not few, few
