"""Named checks for layer_norm: inputs only; expected values come from the model answer.

Tolerances follow the input's dtype (the `close` comparator reads it from the expected output, which
has x's dtype): float32 inputs rtol 1e-4 / atol 2e-5, so float32 arithmetic passes (a one-pass
E[x^2] - E[x]^2 variance included, as long as rows sit within a few standard deviations of zero,
which every float32 case does); float64 inputs rtol 1e-9 / atol 1e-10, so they need float64
arithmetic, as the statement says. Rows of float64 cases keep |mean| within 100 standard deviations,
where a one-pass variance is still accurate to ~1e-12.

What shows each mistake: `eps-outside-sqrt` is 5e-6 relative at unit variance (visible in float64
only) and several percent at std 1e-2 or a large eps; `normalizes-batch-axis` and
`param-grads-not-summed` need 3-D and 1-D inputs (a 2-D batch hides the sum over axis 0 alone);
`dx-treats-stats-as-constants` and `dx-drops-variance-path` both need dy * gamma that varies along a
row, and a dy constant along each row (dx = 0) separates them. Every mistake is off by far more than
these tolerances.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency, Mismatch, allclose_by_dtype

F32 = (1e-4, 2e-5)
F64 = (1e-9, 1e-10)
PARTS = ("dx", "dgamma", "dbeta")


def close(got, expected, path: str = "output", **_) -> Mismatch | None:
    """allclose at the tolerance of the expected output's dtype (x's dtype)."""
    return allclose_by_dtype(got, expected, path=path, single=F32, double=F64)


def _desc(x: np.ndarray) -> str:
    return f"x {x.dtype} {x.shape}"


def _forward(x, gamma, beta, eps=None, note="") -> Case:
    if eps is None:
        return Case("layer_norm_default_eps", {"x": x, "gamma": gamma, "beta": beta},
                    f"layer_norm({_desc(x)}) (default eps){note}")
    return Case("layer_norm", {"x": x, "gamma": gamma, "beta": beta, "eps": eps},
                f"layer_norm({_desc(x)}, eps={eps:g}){note}")


def _backward(dy, x, gamma, eps=None, note="") -> list[Case]:
    """dx, dgamma and dbeta of one input, as three cases."""
    args = {"dy": dy, "x": x, "gamma": gamma}
    if eps is None:
        return [Case("backward_default_eps", {**args, "part": p},
                     f"{p} of layer_norm_backward({_desc(x)}) (default eps){note}") for p in PARTS]
    return [Case("backward", {**args, "eps": eps, "part": p},
                 f"{p} of layer_norm_backward({_desc(x)}, eps={eps:g}){note}") for p in PARTS]


def checks(rng: np.random.Generator) -> list[Check]:
    def rows(*shape, dtype=np.float64, std=1.0, spread=3.0):
        """Rows of standard deviation ~std whose means sit within `spread` std of zero."""
        loc = rng.uniform(-spread, spread, size=shape[:-1] + (1,)) * std
        scale = std * rng.uniform(0.5, 2.0, size=shape[:-1] + (1,))
        return (loc + scale * rng.standard_normal(shape)).astype(dtype)

    def params(D, dtype=np.float64):
        """gamma, beta: random, gamma away from 0 and not constant."""
        gamma = rng.uniform(0.5, 2.0, D) * rng.choice([-1.0, 1.0], D)
        return gamma.astype(dtype), rng.standard_normal(D).astype(dtype)

    def fwd(*shape, dtype=np.float64, eps=1e-5, note="", **kw):
        return _forward(rows(*shape, dtype=dtype, **kw), *params(shape[-1], dtype), eps=eps, note=note)

    def bwd(*shape, dtype=np.float64, eps=1e-5, note="", **kw):
        dy = rng.standard_normal(shape).astype(dtype)
        return _backward(dy, rows(*shape, dtype=dtype, **kw), params(shape[-1], dtype)[0], eps=eps, note=note)

    def row_constant_dy(*shape, dtype=np.float64):
        """dy constant along each row and gamma = 1: dx is exactly 0 (every row's output sums to a constant)."""
        dy = np.broadcast_to(rng.standard_normal(shape[:-1] + (1,)), shape).astype(dtype)
        return _backward(dy, rows(*shape, dtype=dtype), np.ones(shape[-1], dtype=dtype),
                         note=" (dy constant along each row, gamma = 1: dx = 0)")

    checks = [
        Check("forward: 2-D inputs (float64)", [
            fwd(4, 8), fwd(6, 3), fwd(1, 16, note=" (one row)"), fwd(5, 2), fwd(8, 8),
        ]),
        Check("forward: 3-D, 4-D and 1-D inputs (float64)", [
            fwd(2, 3, 5), fwd(3, 1, 6), fwd(2, 2, 3, 4), fwd(7, note=" (a single row, no batch axis)"),
            fwd(12, note=" (a single row, no batch axis)"),
        ]),
        Check("forward: float32 inputs", [
            fwd(5, 6, dtype=np.float32), fwd(2, 4, 8, dtype=np.float32), fwd(9, dtype=np.float32),
        ]),
        Check("forward: small row variance (std ~1e-2)", [
            fwd(4, 6, std=1e-2), fwd(2, 3, 5, std=1e-2), fwd(3, 8, dtype=np.float32, std=1e-2),
            fwd(6, std=1e-2),
        ]),
        Check("forward: large eps", [
            fwd(4, 5, eps=0.1), fwd(2, 3, 4, eps=1.0), fwd(3, 6, dtype=np.float32, eps=0.5),
        ]),
        Check("forward: default eps (1e-5)", [
            _forward(rows(3, 5), *params(5)), _forward(rows(2, 3, 4, dtype=np.float32), *params(4, np.float32)),
            _forward(rows(5, std=1e-2), *params(5)),
        ]),
        Check("forward: rows far from zero (|mean| up to 100 std)", [
            fwd(4, 8, spread=100.0), fwd(2, 3, 6, std=1e-2, spread=100.0), fwd(3, 5, std=50.0, spread=100.0),
        ]),
        Check("backward: 2-D inputs (float64)", bwd(4, 8) + bwd(6, 3) + bwd(5, 5)),
        Check("backward: 3-D, 4-D and 1-D inputs (float64)",
              bwd(2, 3, 5) + bwd(2, 2, 3, 4) + bwd(7, note=" (a single row, no batch axis)")),
        Check("backward: float32 inputs", bwd(5, 6, dtype=np.float32) + bwd(2, 3, 8, dtype=np.float32)),
        Check("backward: small row variance (std ~1e-2)",
              bwd(4, 6, std=1e-2) + bwd(3, 2, 5, std=1e-2) + bwd(3, 8, dtype=np.float32, std=1e-2)),
        Check("backward: large and default eps",
              bwd(4, 5, eps=0.5) + _backward(rng.standard_normal((2, 3, 4)), rows(2, 3, 4), params(4)[0])),
        Check("backward: rows far from zero (|mean| up to 100 std)", bwd(3, 6, spread=100.0)),
        Check("backward: dy constant along each row", row_constant_dy(4, 6) + row_constant_dy(2, 3, 5)),
    ]
    for check in checks:
        check.compare = "close"
    x32 = rows(3, 4, dtype=np.float32)
    dtype_cases = [_forward(x32, *params(4, np.float32)), fwd(2, 3, 5, dtype=np.float32),
                   *bwd(4, 6, dtype=np.float32), fwd(3, 4)]
    return checks + [Check("returns x's dtype (float32 stays float32)", dtype_cases, compare="same_dtype")]


def efficiency(rng: np.random.Generator) -> Efficiency:
    # many short rows: a Python loop over the 16384 rows costs one numpy call per row (~50x here)
    x = rng.standard_normal((16384, 32))
    return Efficiency(Case("backward", {"dy": rng.standard_normal(x.shape), "x": x, "gamma": rng.standard_normal(32),
                                        "eps": 1e-5, "part": "dx"}, "dx of layer_norm_backward(x (16384, 32))"),
                      repeats=3)
