"""Named checks for softmax: inputs only; expected values come from the model answer.

Tolerances. Values are judged float32-aware (rtol 1e-5, atol 1e-6) whatever the dtype, so computing
in float32 and casting back passes. For logits near 1e4 a single float32 rounding of a logit moves it
by up to ~5e-4, and its probability by as much relatively, so that check allows rtol 2e-3; near 1000,
rtol 2e-4. Every catalogued mistake fails by NaN, a wrong dtype, a changed input or an O(1) error.
The dtype is its own check: the statement demands x's dtype back.
"""

import numpy as np

from mlkata.kit import FLOAT32_AWARE, Case, Check, Efficiency

LARGE = {"rtol": 2e-3, "atol": 1e-6}  # |x| ~ 1e4: a float32 rounding of x is ~5e-4
FAR = {"rtol": 2e-4, "atol": 1e-6}    # |x| ~ 1000


def _case(x: np.ndarray, axis: int | None = -1) -> Case:
    label = f"x {x.dtype} {x.shape}" + ("" if axis is None else f", axis={axis}")
    if axis is None:
        return Case("softmax_default_axis", {"x": x}, label + " (default axis)")
    return Case("softmax", {"x": x, "axis": axis}, label)


def checks(rng: np.random.Generator) -> list[Check]:
    def randn(*shape, dtype=np.float64, scale=3.0):
        return (rng.standard_normal(shape) * scale).astype(dtype)

    with_neg_inf = randn(3, 5)
    with_neg_inf[[0, 1, 1, 2], [1, 0, 3, 4]] = -np.inf
    square_neg_inf = randn(4, 4, dtype=np.float32)
    square_neg_inf[[0, 2, 3], [3, 0, 1]] = -np.inf
    far_apart = np.stack([randn(6), randn(6) - 1000.0, randn(6) + 5.0])
    far_apart32 = np.stack([randn(5) - 150.0, randn(5) + 20.0]).astype(np.float32)  # exp(-170) is 0 in float32
    far_cols = randn(4, 3)
    far_cols[:, 2] += 900.0  # along axis 0, columns 0 and 1 sit ~900 below column 2
    checks = [
        Check("random shapes (float64)", [
            _case(randn(7)), _case(randn(3, 8)), _case(randn(2, 3, 5)), _case(randn(1, 1)),
            _case(randn(4, 9), axis=None),
        ]),
        Check("float32 inputs", [
            _case(randn(5, 6, dtype=np.float32)), _case(randn(2, 4, 3, dtype=np.float32)),
        ]),
        Check("softmax over other axes", [
            _case(randn(6, 3), axis=0), _case(randn(3, 4, 5), axis=1),
            _case(randn(3, 4, 5), axis=-2), _case(randn(2, 3, 4, dtype=np.float32), axis=0),
        ]),
        Check("square inputs", [
            _case(randn(4, 4)), _case(randn(5, 5, dtype=np.float32)), _case(randn(3, 3), axis=0),
        ]),
        Check("large logits (|x| ~ 1e4)", [
            _case(1e4 + randn(3, 6)), _case(-1e4 + randn(2, 7)),
            _case((1e4 + randn(4, 5)).astype(np.float32)),
        ], options=LARGE),
        Check("slices far apart (one row ~1000 below another)", [
            _case(far_apart), _case(far_apart32), _case(far_cols, axis=0),
        ], options=FAR),
        Check("masked logits (-inf entries)", [_case(with_neg_inf), _case(square_neg_inf)]),
        Check("leaves its input unchanged", [
            Case("input_after_call", {"x": randn(3, 5), "axis": -1}, "x float64 (3, 5) after the call"),
            Case("input_after_call", {"x": randn(4, 2, dtype=np.float32), "axis": 0},
                 "x float32 (4, 2) after the call, axis=0"),
        ], compare="exact"),
        Check("empty batch (shape (0, n))", [_case(np.zeros((0, 5))), _case(np.zeros((0, 3, 2)), axis=1)]),
    ]
    for check in checks:  # float32-aware values wherever a check sets no tolerance of its own
        if check.compare == "allclose" and not check.options:
            check.options = dict(FLOAT32_AWARE)
    dtype_cases = [_case(randn(3, 4, dtype=np.float32)), _case(randn(2, 3, dtype=np.float32), axis=0),
                   _case((1e4 + randn(2, 5)).astype(np.float32)), _case(randn(4, 3))]
    return checks + [Check("returns x's dtype (float32 stays float32)", dtype_cases, compare="same_dtype")]


def efficiency(rng: np.random.Generator) -> Efficiency:
    # many short slices: a Python loop over the batch dimension costs ~25x here (one numpy call per
    # row), while a loop over the 8 classes stays within 2x of the vectorised answer
    x = rng.standard_normal((16384, 8))
    return Efficiency(Case("softmax", {"x": x, "axis": -1}, "x (16384, 8)"), repeats=3)
