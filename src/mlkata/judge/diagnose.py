"""Name the mistake: which catalogued buggy variants reproduce the submission's failures.

For each mistake M, over every case:
  explained     the submission fails, M fails, and the two give the same result;
  contradicted  M fails but the submission passes (it cannot have M's bug);
M is reported when it explains more failures than it contradicts, ranked by
(explained - contradicted), then by how many cases M and the submission agree on
in all: the variant that reproduces the submission's behaviour most closely is
the most specific diagnosis and comes first. A mistake whose explained failures
are all explained by higher-ranked ones adds nothing and is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mlkata.judge.local import Outcome


@dataclass(frozen=True)
class Match:
    mistake_id: str
    explained: int
    explained_cases: frozenset[int]
    contradicted: int
    agreement: int

    @property
    def score(self) -> tuple[int, int]:
        return (self.explained - self.contradicted, self.agreement)


def same(a: Outcome, b: Outcome, agree: Callable[[object, object], bool]) -> bool:
    """Two outcomes agree: both raise the same exception type, or both values compare equal."""
    if not a.ok or not b.ok:
        return (not a.ok and not b.ok) and a.error.get("type") == b.error.get("type")
    return agree(a.value, b.value)


def failures(outcomes: Sequence[Outcome], reference: Sequence[Outcome],
             agree_at: Sequence[Callable[[object, object], bool]]) -> list[bool]:
    """For each case, whether the outcome differs from the reference."""
    return [not same(o, r, agree_at[i]) for i, (o, r) in enumerate(zip(outcomes, reference))]


def rank(
    submission: Sequence[Outcome],
    reference: Sequence[Outcome],
    mistakes: dict[str, Sequence[Outcome]],
    agree_at: Sequence[Callable[[object, object], bool]],
    mistake_fails: dict[str, Sequence[bool]] | None = None,
) -> list[Match]:
    """Mistakes that explain the submission's failures, most specific first.

    mistake_fails (from `failures`) may be passed in: it does not depend on the
    submission, so the engine computes it once per problem."""
    sub_fails = failures(submission, reference, agree_at)
    if mistake_fails is None:
        mistake_fails = {mid: failures(outcomes, reference, agree_at) for mid, outcomes in mistakes.items()}
    matches = []
    for mistake_id, outcomes in mistakes.items():
        explained_cases, contradicted, agreement = set(), 0, 0
        for i, (s, m) in enumerate(zip(submission, outcomes)):
            m_fails = mistake_fails[mistake_id][i]
            s_is_m = same(s, m, agree_at[i])
            agreement += s_is_m
            if m_fails and sub_fails[i] and s_is_m:
                explained_cases.add(i)
            elif m_fails and not sub_fails[i]:
                contradicted += 1
        if len(explained_cases) > contradicted:
            matches.append(Match(mistake_id, len(explained_cases), frozenset(explained_cases),
                                 contradicted, agreement))
    kept, covered = [], set()
    for match in sorted(matches, key=lambda m: m.score, reverse=True):
        if not match.explained_cases <= covered:
            kept.append(match)
            covered |= match.explained_cases
    return kept
