"""The mock-round rubric (rubric.toml) applied to a round's evidence: criteria met, a score, a verdict."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from mlkata.practice.signals import Signals

RUBRIC_PATH = Path(__file__).with_name("rubric.toml")
VERDICTS = ("No Hire", "Lean No Hire", "Lean Hire", "Strong Hire")  # worst to best
GRADES = {"strong": 2, "lean": 1, "no_hire": 0}  # a follow-up self-grade; unanswered counts 0


@dataclass
class Evidence:
    """What a round recorded, as the rubric reads it."""

    checks_passed: int
    checks_total: int
    error: str | None = None             # the submit check's error kind, if it raised or did not parse
    seconds_used: float = 0.0
    budget_seconds: float = 0.0
    timed_out: bool = False              # time ran out before the user submitted
    mistakes: list[str] = field(default_factory=list)  # distinct named mistakes, in the order seen
    hints_used: int = 0
    slow_warning: str | None = None
    grades: list[str | None] = field(default_factory=list)  # per follow-up: a GRADES key or None (unanswered)
    signals: Signals = field(default_factory=Signals)
    abandoned: bool = False


@dataclass
class Criterion:
    name: str
    title: str
    evidence: str
    met: bool | None  # None: nothing to judge, not scored
    weight: float


@dataclass
class Verdict:
    verdict: str
    score: float
    criteria: list[Criterion]

    def to_json(self) -> dict:
        return {"verdict": self.verdict, "score": round(self.score, 3), "criteria": [asdict(c) for c in self.criteria]}


@cache
def load(path: Path = RUBRIC_PATH) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def _judge(name: str, ev: Evidence, spec: dict) -> tuple[str, bool | None]:
    """(evidence in words, met) for one criterion."""
    if name == "correctness":
        where = f"{ev.checks_passed}/{ev.checks_total} checks pass at submit"
        if ev.error:
            where += f" ({ev.error})"
        return where, ev.error is None and ev.checks_total > 0 and ev.checks_passed == ev.checks_total
    if name == "time":
        limit = spec.get("max_budget_share", 1.0) * ev.budget_seconds
        said = f"{_clock(ev.seconds_used)} used of {_clock(ev.budget_seconds)}"
        if ev.timed_out:
            return said + "; time ran out before submit", False
        return said, ev.seconds_used <= limit
    if name == "mistakes":
        names = ", ".join(ev.mistakes) or "none"
        return f"{len(ev.mistakes)} named on the way: {names}", len(ev.mistakes) <= spec.get("max_mistakes", 0)
    if name == "hints":
        return f"{ev.hints_used} used", ev.hints_used <= spec.get("max_hints", 0)
    if name == "efficiency":
        return (ev.slow_warning or "no slowness warning"), ev.slow_warning is None
    if name == "followups":
        if not ev.grades:
            return "this problem has no follow-up questions yet: not scored", None
        points = [GRADES.get(g, 0) if g else 0 for g in ev.grades]
        marks = ", ".join((g or "unanswered").replace("_", " ") for g in ev.grades)
        mean = sum(points) / len(points)
        return f"self-graded {marks} (mean {mean:.2f} of 2)", mean >= spec.get("min_mean", 1.0)
    sig = ev.signals
    if sig.syntax_error:
        return f"the file does not parse ({sig.syntax_error})", False
    if name == "shape_comments":
        n, k = len(sig.key_lines), len(sig.commented)
        if n == 0:
            return "no reshaping or matmul lines", True
        missing = [line for line in sig.key_lines if line not in sig.commented][:5]
        said = f"{k}/{n} key lines commented" + (f"; none at line(s) {', '.join(map(str, missing))}" if missing else "")
        return said, k / n >= spec.get("min_share", 0.5)
    if name == "debug_prints":
        if not sig.debug:
            return "none", True
        return "; ".join(f"line {line}: {what}" for line, what in sig.debug[:5]), False
    if name == "lint":
        if not sig.lint:
            return "clean", True
        return "; ".join(f"line {line}: {code} {msg}" for line, code, msg in sig.lint[:5]), False
    raise ValueError(f"rubric.toml names an unknown criterion {name!r}")


def evaluate(ev: Evidence, rubric: dict | None = None) -> Verdict:
    """Apply the rubric: every criterion with its evidence, the score, the first verdict whose conditions hold."""
    rubric = rubric or load()
    criteria = [Criterion(spec["name"], spec["title"], *_judge(spec["name"], ev, spec), float(spec["weight"]))
                for spec in rubric["criteria"]]
    scored = [c for c in criteria if c.met is not None]
    total = sum(c.weight for c in scored)
    score = sum(c.weight for c in scored if c.met) / total if total else 0.0
    met = {c.name for c in criteria if c.met}
    share = ev.checks_passed / ev.checks_total if ev.checks_total else 0.0
    verdict = "No Hire"
    if not ev.abandoned:
        for rule in rubric["verdicts"]:
            if (score >= rule.get("min_score", 0.0) and set(rule.get("requires", ())) <= met
                    and share >= rule.get("min_checks_share", 0.0)):
                verdict = rule["name"]
                break
    return Verdict(verdict, score, criteria)


def overall(verdicts: list[str]) -> str:
    """A loop's verdict: the mean of its problems' levels, rounded down."""
    if not verdicts:
        return "No Hire"
    return VERDICTS[sum(VERDICTS.index(v) for v in verdicts) // len(verdicts)]
