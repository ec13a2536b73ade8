"""Named checks for positional_encoding: inputs only; expected values come from the model answer.

The contract demands float64, so values are compared at rtol 1e-9 / atol 1e-10: computing the inverse
frequencies as base ** (-2i / d), as exp(-2i * log(base) / d) or by dividing by base ** (2i / d)
moves an angle by a few ulps of itself, ~1e-13 at position 2047, far inside that. The dtype is its own
check.

What shows each mistake: sin and cos in halves, and the exponent without its 2, need d >= 4 (with one
pair, d = 2, both equal the right table); the column index in the exponent shows in the cos columns;
odd d needs d >= 3 (with d = 1 the lone sin column is right either way); a hard-coded 10000 needs
another base.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency

TOL = {"rtol": 1e-9, "atol": 1e-10}


def _pe(L: int, d: int, base: float | None = None, note: str = "") -> Case:
    if base is None:
        return Case("positions_default_base", {"L": L, "d": d}, f"sinusoidal_positions(L={L}, d={d}){note}")
    return Case("positions", {"L": L, "d": d, "base": base}, f"sinusoidal_positions(L={L}, d={d}, base={base:g}){note}")


def checks(rng: np.random.Generator) -> list[Check]:
    checks = [
        Check("small tables", [
            _pe(4, 4, 10000.0), _pe(6, 8, 10000.0), _pe(3, 6, 10000.0), _pe(1, 4, 10000.0, " (position 0 only)"),
        ]),
        Check("one pair of columns (d = 2)", [_pe(5, 2, 10000.0), _pe(9, 2)]),
        Check("typical sizes (default base)", [_pe(50, 16), _pe(128, 64), _pe(20, 10)]),
        Check("odd d: the last column is a sin", [
            _pe(6, 3, 10000.0), _pe(10, 5), _pe(7, 7, 10000.0), _pe(32, 33),
            _pe(4, 1, 10000.0, " (a single sin column)"),
        ]),
        Check("other bases", [
            _pe(16, 8, 100.0), _pe(12, 6, 500000.0), _pe(20, 16, 2.0), _pe(9, 5, 1000.0),
        ]),
        Check("long sequences (positions up to 2047)", [_pe(2048, 8), _pe(1000, 32, 10000.0)]),
    ]
    for check in checks:
        check.options = dict(TOL)
    dtype_cases = [_pe(4, 4, 10000.0), _pe(10, 5), _pe(1, 2)]
    return checks + [Check("returns float64", dtype_cases, compare="same_dtype")]


def efficiency(rng: np.random.Generator) -> Efficiency:
    # 1M entries: one Python operation per entry costs ~100x; a loop over the 256 column pairs
    # (each vectorised over positions) stays close to the vectorised answer
    return Efficiency(Case("positions", {"L": 2048, "d": 512, "base": 10000.0}, "L=2048, d=512"), repeats=3)
