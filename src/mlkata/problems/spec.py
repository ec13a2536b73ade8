"""What a problem's checks.py builds: named checks made of cases.

A Case names a function of the problem's driver and the plain-data arguments to
feed it; the driver calls the implementation (submission, model answer or a
mistake variant) and returns plain data, which the named comparator judges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Case:
    call: str                      # name of a function in the problem's driver.py
    args: dict[str, Any]           # plain data: arrays, numbers, strings, lists, dicts
    label: str = ""                # how the case is shown in a report, e.g. "x float32 (4, 4), axis=0"


@dataclass
class Check:
    name: str                      # shown to the user, e.g. "large logits (|x| ~ 1e4)"
    cases: list[Case]
    compare: str = "allclose"      # a comparator from mlkata.judge.compare, or one in checks.py
    options: dict[str, Any] = field(default_factory=dict)  # e.g. rtol, atol, check_dtype


@dataclass
class Efficiency:
    """One larger case timed in the submission's sandbox and for the model answer."""

    case: Case
    repeats: int = 5
