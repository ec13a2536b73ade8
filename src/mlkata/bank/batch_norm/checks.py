"""Named checks for batch_norm: inputs only; expected values come from the model answer.

Tolerances follow the input's dtype (the `close` comparator reads it from the expected output, which
has x's dtype): float32 inputs rtol 1e-4 / atol 2e-5, so float32 arithmetic passes; float64 inputs
rtol 1e-9 / atol 1e-10. Channels keep |mean| within a few standard deviations of zero.

What shows each mistake: the biased/unbiased mistakes differ by N / (N - 1), so small batches (N = 2,
3, 4) carry them, and every forward result is its own case (a wrong running variance beside a right
y); `momentum-reversed` needs momentum away from 0.5; `eval-uses-batch-stats` needs running statistics
unlike the batch's; `normalizes-feature-axis` raises on most shapes and shows in values only where
N == C or C == 1, which one check holds; a dy constant along the batch axis gives dx = 0, which
`dx-drops-variance-path` reproduces and `dx-treats-stats-as-constants` does not; `eps-outside-sqrt`
is 5e-6 relative at unit variance (float64 only) and percents at std 1e-2 or a large eps; writes into
the caller's arrays show only in the arrays after the call.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency, Mismatch, allclose_by_dtype

F32 = (1e-4, 2e-5)
F64 = (1e-9, 1e-10)
FORWARD = ("y", "running_mean", "running_var")
BACKWARD = ("dx", "dgamma", "dbeta")


def close(got, expected, path: str = "output", **_) -> Mismatch | None:
    """allclose at the tolerance of the expected output's dtype (x's dtype)."""
    return allclose_by_dtype(got, expected, path=path, single=F32, double=F64)


def _desc(x: np.ndarray) -> str:
    return f"x {x.dtype} {x.shape}"


def _forward(inputs, part, momentum=0.1, eps=1e-5, training=True, note="") -> Case:
    x = inputs["x"]
    mode = "training" if training else "eval"
    return Case("forward", {**inputs, "momentum": momentum, "eps": eps, "training": training, "part": part},
                f"{part} of batch_norm_forward({_desc(x)}, momentum={momentum:g}, eps={eps:g}, {mode}){note}")


def _defaults(inputs, part) -> Case:
    return Case("forward_defaults", {**inputs, "part": part},
                f"{part} of batch_norm_forward({_desc(inputs['x'])}) (default momentum, eps, training)")


def _backward(dy, x, gamma, eps=1e-5, note="") -> list[Case]:
    """dx, dgamma and dbeta of one input, as three cases."""
    text = "default eps" if eps is None else f"eps={eps:g}"
    return [Case("backward", {"dy": dy, "x": x, "gamma": gamma, "eps": eps, "part": p},
                 f"{p} of batch_norm_backward({_desc(x)}, {text}){note}") for p in BACKWARD]


def checks(rng: np.random.Generator) -> list[Check]:
    def batch(N, C, dtype=np.float64, std=1.0, spread=3.0):
        """Channels of standard deviation ~std whose means sit within `spread` std of zero."""
        loc = rng.uniform(-spread, spread, size=C) * std
        scale = std * rng.uniform(0.5, 2.0, size=C)
        return (loc + scale * rng.standard_normal((N, C))).astype(dtype)

    def inputs(N, C, dtype=np.float64, std=1.0):
        """x, gamma (away from 0, mixed signs), beta, and running statistics unlike the batch's."""
        gamma = rng.uniform(0.5, 2.0, C) * rng.choice([-1.0, 1.0], C)
        return {"x": batch(N, C, dtype, std), "gamma": gamma.astype(dtype),
                "beta": rng.standard_normal(C).astype(dtype),
                "running_mean": (std * rng.uniform(-2.0, 2.0, C)).astype(dtype),
                "running_var": (std ** 2 * rng.uniform(0.3, 3.0, C)).astype(dtype)}

    def fwd(N, C, part, dtype=np.float64, std=1.0, **kw):
        return _forward(inputs(N, C, dtype, std), part, **kw)

    def all_parts(N, C, dtype=np.float64, std=1.0, **kw):
        shared = inputs(N, C, dtype, std)
        return [_forward(shared, part, **kw) for part in FORWARD]

    def bwd(N, C, dtype=np.float64, std=1.0, eps=1e-5, note=""):
        dy = rng.standard_normal((N, C)).astype(dtype)
        gamma = (rng.uniform(0.5, 2.0, C) * rng.choice([-1.0, 1.0], C)).astype(dtype)
        return _backward(dy, batch(N, C, dtype, std), gamma, eps, note)

    def batch_constant_dy(N, C):
        """dy constant down each channel, gamma = 1: dx is exactly 0 (each channel of x_hat sums to 0)."""
        dy = np.broadcast_to(rng.standard_normal(C), (N, C)).copy()
        return _backward(dy, batch(N, C), np.ones(C), note=" (dy constant down each channel: dx = 0)")

    checks = [
        Check("training: y normalised with the batch statistics (float64)", [
            fwd(8, 3, "y"), fwd(16, 5, "y"), fwd(6, 2, "y"), fwd(12, 4, "y", momentum=0.3),
        ]),
        Check("training: small batches (N = 2, 3, 4), every result", [
            *all_parts(2, 3), *all_parts(3, 5), *all_parts(4, 2, momentum=0.25),
        ]),
        Check("training: new running mean", [
            fwd(8, 3, "running_mean"), fwd(10, 4, "running_mean", momentum=0.3),
            fwd(6, 5, "running_mean", momentum=0.01), fwd(5, 2, "running_mean", momentum=1.0),
        ]),
        Check("training: new running variance (unbiased batch variance)", [
            fwd(8, 3, "running_var"), fwd(5, 4, "running_var", momentum=0.3),
            fwd(20, 2, "running_var", momentum=0.05), fwd(6, 3, "running_var", momentum=1.0),
        ]),
        Check("eval: y normalised with the running statistics", [
            fwd(6, 3, "y", training=False), fwd(4, 5, "y", training=False, momentum=0.3),
            fwd(1, 4, "y", training=False, note=" (a single example)"),
            fwd(8, 2, "y", training=False, eps=0.1),
        ]),
        Check("eval: running statistics come back unchanged", [
            fwd(6, 3, "running_mean", training=False), fwd(5, 4, "running_var", training=False),
            fwd(3, 2, "running_var", training=False, momentum=0.3),
            fwd(7, 5, "running_mean", training=False, momentum=0.2),
        ]),
        Check("N == C and a single channel (C = 1)", [
            *all_parts(4, 4), *all_parts(3, 3, momentum=0.2), *all_parts(5, 1), *all_parts(2, 1),
            *bwd(4, 4), *bwd(6, 1),
        ]),
        Check("float32 inputs", [
            *all_parts(8, 4, dtype=np.float32), *all_parts(3, 6, dtype=np.float32, momentum=0.3),
            fwd(5, 3, "y", dtype=np.float32, training=False),
        ]),
        Check("small channel variance (std ~1e-2) and large eps", [
            fwd(8, 3, "y", std=1e-2), fwd(5, 4, "y", std=1e-2, training=False),
            fwd(6, 3, "y", dtype=np.float32, std=1e-2), fwd(7, 2, "y", eps=0.5),
            fwd(4, 3, "y", eps=1.0, training=False), fwd(6, 4, "running_var", std=1e-2),
        ]),
        Check("default momentum, eps and training", [
            *[_defaults(shared, part) for shared in (inputs(6, 3), inputs(3, 4)) for part in FORWARD],
            _defaults(inputs(5, 2, std=1e-2), "y"),
        ]),
        Check("backward: dx, dgamma, dbeta (float64)", bwd(8, 3) + bwd(16, 5) + bwd(2, 4) + bwd(3, 2)),
        Check("backward: float32 inputs", bwd(8, 4, dtype=np.float32) + bwd(3, 5, dtype=np.float32)),
        Check("backward: small variance, large and default eps",
              bwd(6, 3, std=1e-2) + bwd(5, 4, eps=0.5) + bwd(7, 2, eps=None) + bwd(4, 3, std=1e-2, eps=None)),
        Check("backward: dy constant down each channel", batch_constant_dy(6, 3) + batch_constant_dy(10, 2)),
    ]
    for check in checks:
        check.compare = "close"
    train, evaluate, grads = inputs(5, 3), inputs(4, 2, np.float32), inputs(6, 4)
    unchanged = Check("leaves its inputs unchanged (running statistics included)", [
        Case("forward_inputs_after", {**train, "training": True},
             f"the arrays after batch_norm_forward({_desc(train['x'])}, training)"),
        Case("forward_inputs_after", {**evaluate, "training": False},
             f"the arrays after batch_norm_forward({_desc(evaluate['x'])}, eval)"),
        Case("backward_inputs_after", {"dy": rng.standard_normal((6, 4)), "x": grads["x"], "gamma": grads["gamma"]},
             f"the arrays after batch_norm_backward({_desc(grads['x'])})"),
    ], compare="exact")
    return checks + [unchanged]


def efficiency(rng: np.random.Generator) -> Efficiency:
    # many examples: a Python loop over the 16384 rows costs one numpy call per row
    C = 32
    args = {"x": rng.standard_normal((16384, C)), "gamma": rng.standard_normal(C), "beta": rng.standard_normal(C),
            "running_mean": np.zeros(C), "running_var": np.ones(C), "momentum": 0.1, "eps": 1e-5,
            "training": True, "part": "y"}
    return Efficiency(Case("forward", args, "y of batch_norm_forward(x (16384, 32), training)"), repeats=3)
