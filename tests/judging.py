"""Judge trusted sources in this process, as the engine judges a submission: for the oracle tests' "other
correct answers pass every check" and "other spellings of a mistake are diagnosed as it".

`judge(problem)` runs every accepted reference and every mistake variant once (a module-scoped fixture
keeps the result); `Judged.failing_cases` lists the cases a source fails against the closest reference, and
`Judged.ranked` the mistake families that explain its failures, best first (diagnose.Diagnoser, as the
engine ranks them: `.family`, and `.mistake_id` the catalogued mistake of the family's best variant).
`edited` writes a source as exact-once (old, new) edits of another.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mlkata.judge import compare, diagnose, local
from mlkata.problems.problem import Problem


@dataclass
class Judged:
    """The outcomes of a problem's accepted references and catalogued mistakes, and each case's comparator."""

    problem: Problem
    references: list[list[local.Outcome]]  # the model answer first
    mistakes: dict[str, list[local.Outcome]]  # by variant key (problem.variants)
    agree: list[Callable[[object, object], bool]]  # one per case, in the order of the outcomes

    def __post_init__(self):
        info = {v.key: diagnose.VariantInfo(v.key, v.mistake, v.family) for v in self.problem.variants}
        self.diagnosers = [diagnose.Diagnoser(ref, self.mistakes, info, self.agree) for ref in self.references]

    def run(self, source: str, name: str = "alternative") -> list[local.Outcome]:
        return local.run_local(self.problem, name, source)

    def closest(self, outcomes: Sequence[local.Outcome]) -> tuple[list[local.Outcome], list[bool]]:
        """The accepted reference with the fewest failures (as the engine picks it) and those failures."""
        fails = [diagnose.failures(outcomes, reference, self.agree) for reference in self.references]
        best = min(range(len(self.references)), key=lambda i: sum(fails[i]))
        return self.references[best], fails[best]

    def failing_cases(self, source: str, name: str = "alternative") -> list[str]:
        """The cases ("check: case") that the source fails."""
        _, fails = self.closest(self.run(source, name))
        labels = [f"{check.name}: {case.label}" for check in self.problem.checks for case in check.cases]
        return [labels[i] for i, bad in enumerate(fails) if bad]

    def rank(self, outcomes: Sequence[local.Outcome]) -> list[diagnose.FamilyMatch]:
        """The mistake families that explain these outcomes' failures, best first."""
        reference, _ = self.closest(outcomes)
        index = next(i for i, r in enumerate(self.references) if r is reference)
        return self.diagnosers[index].rank(outcomes)

    def ranked(self, source: str, name: str) -> list[diagnose.FamilyMatch]:
        """The mistakes that explain the source's failures, most specific first."""
        return self.rank(self.run(source, name))


def judge(problem: Problem) -> Judged:
    """Run every accepted reference and every catalogued mistake of the problem, and build the comparators."""
    references = [local.run_local(problem, name, source) for name, source in problem.references]
    mistakes = {v.key: local.run_local(problem, v.key, v.source, v.entry) for v in problem.variants}
    agree = []
    for check in problem.checks:
        fn = compare.resolve(check.compare, problem)
        agree += [lambda got, exp, fn=fn, options=check.options: fn(got, exp, **options) is None] * len(check.cases)
    return Judged(problem, references, mistakes, agree)


def summary(ranked: Sequence[diagnose.FamilyMatch]) -> list[tuple[str, str, float, int, int]]:
    """(family, variant, score, explained, contradicted) of each ranked family: what an assertion shows."""
    return [(m.family, m.variant, round(m.score, 3), m.explained, m.contradicted) for m in ranked]


def edited(source: str, edits: Sequence[tuple[str, str]]) -> str:
    """The source with each (old, new) edit applied in turn; each old occurs exactly once when it is applied."""
    for old, new in edits:
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    return source
