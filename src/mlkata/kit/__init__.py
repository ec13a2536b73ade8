"""The checking kit: everything a problem's checks.py may import.

Problem folders depend on this module only, never on the judge's internals, so the
judge can change without touching the bank. What it offers:

- the case and check types: `Case`, `Check`, `Efficiency` (what checks.py builds);
- `Mismatch(kind, message)`, what a comparator returns when an output is wrong
  (kind is one of MISMATCH_KINDS; message is one line a user reads);
- the built-in comparators, chosen by name in a Check (`compare="allclose"`) or
  called from a problem's own comparator: `allclose`, `exact`, `same_dtype`,
  and `compare(name, got, expected, **options)`; `allclose_by_dtype(got, expected, single=(rtol, atol),
  double=(rtol, atol))` for a problem whose tolerance follows its inputs' dtype;
- tolerances: `tolerance(dtype_name, rtol, atol)`, `FLOAT32_AWARE`;
- describing values in messages: `describe(x)`, `fmt_index(idx)`, `expected_got(e, g)`.

A problem's own comparator is a function `name(got, expected, path="output", **options)
-> Mismatch | None` defined in checks.py and named by a Check.
"""

from mlkata.judge.compare import (
    FLOAT32_AWARE,
    MISMATCH_KINDS,
    Mismatch,
    allclose,
    allclose_by_dtype,
    compare,
    describe,
    exact,
    expected_got,
    fmt_index,
    same_dtype,
    tolerance,
)
from mlkata.problems.spec import Case, Check, Efficiency

__all__ = [
    "FLOAT32_AWARE", "MISMATCH_KINDS", "Case", "Check", "Efficiency", "Mismatch", "allclose", "allclose_by_dtype",
    "compare",
    "describe", "exact", "expected_got", "fmt_index", "same_dtype", "tolerance",
]
