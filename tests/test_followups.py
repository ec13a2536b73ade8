"""Follow-up questions (followups.toml): every problem carries 2-3, each with a filled rubric."""

import pytest

from mlkata.problems.catalog import all_problems

PROBLEMS = list(all_problems().values())
FIELDS = ("question", "strong", "lean", "no_hire")


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_every_problem_has_two_or_three_followups(problem):
    assert 2 <= len(problem.followups) <= 3, f"{problem.id}: {len(problem.followups)} follow-ups"


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_every_field_is_filled(problem):
    for i, followup in enumerate(problem.followups):
        for field in FIELDS:
            value = getattr(followup, field)
            assert isinstance(value, str) and value.strip(), f"{problem.id} follow-up {i}: empty {field}"
        assert followup.question.rstrip().endswith("?"), f"{problem.id} follow-up {i} is not a question"
        levels = {followup.strong.strip(), followup.lean.strip(), followup.no_hire.strip()}
        assert len(levels) == 3, f"{problem.id} follow-up {i}: two levels read the same"


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_questions_are_unique_within_a_problem(problem):
    questions = [" ".join(f.question.lower().split()) for f in problem.followups]
    assert len(questions) == len(set(questions)), f"{problem.id}: a question is asked twice"
