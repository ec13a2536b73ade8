"""Name the mistake: which mistake family explains the submission's failures.

Every catalogued mistake runs as several variants (the whole edit, each edit site alone, each
entry point alone, hand-written forms: problems/problem.py). Against the submission's failing
cases F, a variant v earns, case by case:

    exact      1.0   v fails there too and gives the same result (the case's comparator agrees);
    signature  < 0.8 v fails there too, differently: how alike the two failures are (signature.py:
                     NaN or inf or wrong values, which outputs and entries, the direction of the error);
and is contradicted by every case it fails where the submission passes (the submission cannot
have that bug there). A variant judges only the components it changes: where it agrees with the
model answer it neither earns nor contradicts.

A family's credit on a case is the best credit of its consistent variants (those that earn more
than they are contradicted), so a bug in one operator, in two of five, or in all of them is named
alike. Cases are weighted by rarity: a case that few families fail says more. A family's score is
its weighted credit, less its least contradiction, over the weighted failures; it is *certain*
when its variants reproduce at least half of the failures exactly, else *likely*. Families are
ranked by score; one whose credit adds nothing beyond higher-ranked ones is dropped.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from mlkata.judge import signature as sig
from mlkata.judge import wire
from mlkata.judge.local import Outcome

EXACT = 1.0
SIGNATURE_CAP = 0.8   # a signature match never counts as much as an exact one
MIN_SCORE = 0.3       # below this share (weighted) a family is not named at all
COVERED = 0.5         # a case credited at least this much is explained


@dataclass(frozen=True)
class VariantInfo:
    key: str
    mistake: str
    family: str


@dataclass
class FamilyMatch:
    family: str
    mistake: str                 # the catalogued mistake of the family's best variant
    variant: str                 # that variant's key
    score: float                 # weighted share of the failures explained, less contradictions
    share: float                 # unweighted share of the failing cases credited
    explained_cases: frozenset[int]  # failing cases reproduced exactly
    covered_cases: frozenset[int]    # failing cases credited at least COVERED
    contradicted: int
    certain: bool
    credit: dict[int, float] = field(default_factory=dict, repr=False)

    @property
    def explained(self) -> int:
        return len(self.explained_cases)

    # the old single-variant API: tests and callers that read mistake_id
    @property
    def mistake_id(self) -> str:
        return self.mistake


def same_error(a: dict, b: dict) -> bool:
    """The same exception: its type, and its message once numbers are set aside (shapes, sizes)."""
    if a.get("type") != b.get("type"):
        return False
    if a.get("type") in LOOSE_MESSAGES:
        return True
    return _message_shape(a.get("message", "")) == _message_shape(b.get("message", ""))


LOOSE_MESSAGES = {"RecursionError", "MemoryError", "<not run>"}


# numpy's and torch's many wordings of one behaviour: arrays whose shapes do not fit together
SHAPE_ERROR = re.compile(r"shape|broadcast|reshape|size of tensor|dimension|mat1 and mat2|matmul|aligned|"
                         r"could not be broadcast|operands could not", re.IGNORECASE)


def _message_shape(message: str) -> str:
    """The message with numbers set aside; any shape mismatch reads the same, however the operation words it."""
    if SHAPE_ERROR.search(str(message)):
        return "<shapes do not fit>"
    return re.sub(r"\d+", "#", str(message))[:80]


def same(a: Outcome, b: Outcome, agree: Callable[[object, object], bool]) -> bool:
    """Two outcomes agree: both raise the same exception, or both values compare equal."""
    if not a.ok or not b.ok:
        return (not a.ok and not b.ok) and same_error(a.error, b.error)
    return agree(a.value, b.value)


def failures(outcomes: Sequence[Outcome], reference: Sequence[Outcome],
             agree_at: Sequence[Callable[[object, object], bool]]) -> list[bool]:
    """For each case, whether the outcome differs from the reference."""
    return [not same(o, r, agree_at[i]) for i, (o, r) in enumerate(zip(outcomes, reference))]


class Diagnoser:
    """Ranks mistake families for one problem against one reference. Built once per problem:
    the variants' failures and failure signatures do not depend on the submission."""

    def __init__(self, reference: Sequence[Outcome], variants: Mapping[str, Sequence[Outcome]],
                 info: Mapping[str, VariantInfo], agree_at: Sequence[Callable[[object, object], bool]]):
        self.reference = reference
        self.variants = variants
        self.info = info
        self.agree_at = agree_at
        self.fails = {key: failures(outs, reference, agree_at) for key, outs in variants.items()}
        self._groups: dict[tuple[int, bytes], int] = {}
        self.failing_sets = {key: frozenset(i for i, bad in enumerate(f) if bad) for key, f in self.fails.items()}
        families_failing: dict[int, set[str]] = {}
        for key, cases in self.failing_sets.items():
            for i in cases:
                families_failing.setdefault(i, set()).add(info[key].family)
        # rare failures weigh more: a case failed by one family pins it down, one failed by ten does not
        self.weight = {i: 1.0 / (1.0 + len(fams)) ** 0.5 for i, fams in families_failing.items()}
        self._signatures: dict[tuple[str, int], sig.Signature | None] = {}
        # variants that give the same outcome on a case are one comparison there, not one each
        self.group = {key: {i: _group_of(outs[i], i, self._groups) for i in self.failing_sets[key]}
                      for key, outs in variants.items()}

    def _variant_signature(self, key: str, i: int) -> sig.Signature | None:
        if (key, i) not in self._signatures:
            self._signatures[(key, i)] = sig.signature(self.variants[key][i], self.reference[i])
        return self._signatures[(key, i)]

    def rank(self, submission: Sequence[Outcome]) -> list[FamilyMatch]:
        sub_fails = failures(submission, self.reference, self.agree_at)
        failing = [i for i, bad in enumerate(sub_fails) if bad]
        if not failing or not self.variants:
            return []
        failing_set = frozenset(failing)
        weight = {i: self.weight.get(i, 1.0) for i in failing}  # a case no variant fails: weight 1
        total = sum(weight.values())

        # exact credit first; signatures only if no family already explains everything exactly
        exact: dict[str, set[int]] = {}
        alike: dict[int, bool] = {}  # by outcome group: does the submission give that outcome?
        for key, cases in self.failing_sets.items():
            groups = self.group[key]
            exact[key] = set()
            for i in cases & failing_set:
                g = groups[i]
                if g not in alike:
                    alike[g] = same(submission[i], self.variants[key][i], self.agree_at[i])
                if alike[g]:
                    exact[key].add(i)
        contradicted = {key: cases - failing_set for key, cases in self.failing_sets.items()}
        perfect = any(exact[k] == failing_set and not contradicted[k] for k in exact)

        sub_sigs: dict[int, sig.Signature | None] = {}
        credit: dict[str, dict[int, float]] = {}
        for key, cases in self.failing_sets.items():
            both = cases & failing_set
            if not both:
                continue
            c = {i: EXACT for i in exact[key]}
            if not perfect:
                for i in both - exact[key]:
                    if i not in sub_sigs:
                        sub_sigs[i] = sig.signature(submission[i], self.reference[i])
                    c[i] = SIGNATURE_CAP * sig.similarity(sub_sigs[i], self._variant_signature(key, i))
            credit[key] = c

        by_family: dict[str, list[str]] = {}
        for key in credit:
            by_family.setdefault(self.info[key].family, []).append(key)
        matches = []
        for family, keys in by_family.items():
            match = self._family(family, keys, credit, contradicted, weight, total, failing)
            if match is not None:
                matches.append(match)
        matches.sort(key=_order, reverse=True)
        self._break_ties(matches, submission)
        kept, covered = [], set()
        for match in matches:
            if not match.covered_cases <= covered:
                kept.append(match)
                covered |= match.covered_cases
        return kept

    def _break_ties(self, matches: list[FamilyMatch], submission: Sequence[Outcome]) -> None:
        """Families tied at the top are ordered by how many cases in all (passing ones too) their best
        variant agrees with the submission on: the closest reproduction is the most specific diagnosis."""
        top = [m for m in matches if _order(m) == _order(matches[0])] if matches else []
        if len(top) < 2:
            return
        def agreement(m: FamilyMatch) -> int:
            outs = self.variants[m.variant]
            return sum(same(s, o, self.agree_at[i]) for i, (s, o) in enumerate(zip(submission, outs)))

        top.sort(key=agreement, reverse=True)
        matches[:len(top)] = top

    def _family(self, family, keys, credit, contradicted, weight, total, failing) -> FamilyMatch | None:
        def earned(key):
            return sum(weight[i] * c for i, c in credit[key].items())

        def against(key):
            return sum(self.weight.get(i, 1.0) for i in contradicted[key])

        consistent = [k for k in keys if earned(k) > against(k)]
        if not consistent:
            return None
        best_credit: dict[int, float] = {}
        for key in consistent:
            for i, c in credit[key].items():
                best_credit[i] = max(best_credit.get(i, 0.0), c)
        # the contradiction a family cannot avoid: that of its least contradicted useful variant
        penalty = min(against(k) for k in consistent)
        score = (sum(weight[i] * c for i, c in best_credit.items()) - penalty) / total
        explained = frozenset(i for i, c in best_credit.items() if c >= EXACT)
        if score < MIN_SCORE and not explained:
            return None
        if score <= 0:
            return None
        best = max(consistent, key=lambda k: (earned(k) - against(k), len(credit[k])))
        return FamilyMatch(
            family=family, mistake=self.info[best].mistake, variant=best, score=score,
            share=sum(best_credit.values()) / len(failing), explained_cases=explained,
            covered_cases=frozenset(i for i, c in best_credit.items() if c >= COVERED),
            contradicted=min(len(contradicted[k]) for k in consistent),
            certain=len(explained) * 2 >= len(failing), credit=best_credit)


def _group_of(outcome: Outcome, case: int, groups: dict[tuple[int, bytes], int]) -> int:
    """A number shared by every variant whose outcome on `case` is byte for byte the same."""
    try:
        digest = wire.encode({"v": outcome.value} if outcome.ok else {"e": outcome.error}, trusted=True)
    except (wire.WireError, TypeError, ValueError):
        digest = b"unencodable %d" % id(outcome)  # its own group
    return groups.setdefault((case, hashlib.sha1(digest).digest()), len(groups))


def _order(m: FamilyMatch) -> tuple:
    """Best first: score, exact reproductions, fewest contradictions, then a catalogued variant over a
    derived one (a mistake's single site can behave exactly as another catalogued mistake: name that)."""
    return (round(m.score, 9), len(m.explained_cases), -m.contradicted, "@" not in m.variant)


def rank(submission: Sequence[Outcome], reference: Sequence[Outcome], variants: Mapping[str, Sequence[Outcome]],
         agree_at: Sequence[Callable[[object, object], bool]],
         info: Mapping[str, VariantInfo] | None = None) -> list[FamilyMatch]:
    """One-shot ranking (tests, tools): build a Diagnoser and rank one submission.

    Without `info`, every variant is its own mistake and family."""
    info = info or {key: VariantInfo(key, key, key) for key in variants}
    return Diagnoser(reference, variants, info, agree_at).rank(submission)
