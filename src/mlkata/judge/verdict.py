"""The judge's result as plain data: what every face (CLI, JSON, web) renders."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class ErrorKind(StrEnum):
    """Why a submission could not be judged case by case. One closed list."""

    SYNTAX = "syntax-error"
    EXCEPTION = "exception"  # the submission raised on most cases: reported as that error, with its line
    IMPORT = "import-error"
    MISSING = "missing-entry-point"
    FORBIDDEN = "forbidden-api"
    NOT_IMPLEMENTED = "not-implemented"
    TIMEOUT = "timeout"
    MEMORY = "memory"
    CRASH = "crash"
    EXITED = "exited"
    SANDBOX = "sandbox-violation"
    BAD_OUTPUT = "bad-output"
    ENGINE = "engine"


@dataclass
class ErrorInfo:
    kind: str
    message: str
    line: int | None = None


@dataclass
class CheckResult:
    name: str
    passed: bool
    message: str
    cases: int = 0
    cases_passed: int = 0


@dataclass
class MistakeFound:
    id: str             # the family id (the same meaning in every problem)
    title: str
    explanation: str
    hint: str
    explains: int = 0   # failing cases this family's variants reproduce exactly
    failing: int = 0    # failing cases in all
    family: str = ""    # == id; kept beside it for readers that look for `family`
    variant: str = ""   # the catalogued mistake that matched best (a finer id, or the family id itself)
    detail: str = ""    # how that variant differs within the family, e.g. "renormalised"
    likely: bool = False  # True: no variant reproduces the failures exactly; their signatures match best
    share: float = 0.0  # the share of the failing cases this family accounts for (exactly or by signature)


@dataclass
class Efficiency:
    ratio: float
    submission_seconds: float
    reference_seconds: float
    warning: str | None = None
    finished: bool = True  # False: the timing run hit the time limit; the figures are lower bounds


@dataclass
class FailingCase:
    """The first failing case, shown concretely: its inputs, the expected and the actual output."""

    check: str
    case: str
    reason: str
    inputs: str
    expected: str
    got: str
    grids: dict[str, list[list[str]]] = field(default_factory=dict)  # small arrays as table cells: "input:<arg>",
    # "expected", "got" (1-d or 2-d, at most 64 entries)


@dataclass
class Report:
    problem: str
    passed: bool
    checks: list[CheckResult] = field(default_factory=list)
    mistakes: list[MistakeFound] = field(default_factory=list)
    efficiency: Efficiency | None = None
    error: ErrorInfo | None = None
    first_failure: FailingCase | None = None
    first_unexplained: FailingCase | None = None  # the first failing case no named mistake reproduces
    advice: list[str] = field(default_factory=list)  # what the source scan warns about (never a failure)
    output: str = ""              # the submission's own prints, truncated
    output_bytes: int = 0
    judge_seconds: float = 0.0
    sandbox: str = ""

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Report:
        """The inverse of to_json (a report that came from the judge service)."""
        def one(kind, value):
            return None if value is None else kind(**value)

        return cls(**{
            **data,
            "checks": [CheckResult(**c) for c in data.get("checks", [])],
            "mistakes": [MistakeFound(**m) for m in data.get("mistakes", [])],
            "efficiency": one(Efficiency, data.get("efficiency")),
            "error": one(ErrorInfo, data.get("error")),
            "first_failure": one(FailingCase, data.get("first_failure")),
            "first_unexplained": one(FailingCase, data.get("first_unexplained")),
        })
