"""Named checks for nt_xent: inputs only; expected values come from the model answer.

The inputs that hide a mistake each have a check of their own, which the mistakes it hides pass:
unit-norm rows hide a missing normalisation in the loss value (not in the gradient), temperature 1
hides a temperature that multiplies, and z2 == z1 hides a loss over one view's anchors only. Every
other case has rows of lengths far from 1, a temperature other than 1 and two different views. One
tolerance for every dtype: the contract leaves float32 or float64 arithmetic open.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency

TOLERANCE = {"rtol": 1e-4, "atol": 2e-5}
GRAD_TOLERANCE = {"rtol": 1e-4, "atol": 1e-5}


def checks(rng: np.random.Generator) -> list[Check]:
    def rows(N, d, dtype=np.float32, low=0.3, high=4.0, unit=False):
        """N random directions in R^d with lengths log-uniform in [low, high] (or exactly 1)."""
        x = rng.standard_normal((N, d))
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        if not unit:
            x *= np.exp(rng.uniform(np.log(low), np.log(high), (N, 1)))
        return x.astype(dtype)

    def views(N, d, dtype=np.float32, noise=0.5, **kw):
        """Two views: the second is the first, jittered and rescaled (positives more similar than negatives)."""
        z1 = rows(N, d, dtype, **kw)
        z2 = z1 + noise * rng.standard_normal((N, d)) * np.linalg.norm(z1, axis=1, keepdims=True) / np.sqrt(d)
        if kw.get("unit"):
            z2 /= np.linalg.norm(z2, axis=1, keepdims=True)
        else:
            z2 *= np.exp(rng.uniform(np.log(0.5), np.log(2.0), (N, 1)))
        return z1, z2.astype(dtype)

    def case(z1, z2, temperature=None, call="loss", note=""):
        args = {"z1": z1, "z2": z2}
        t = ""
        if temperature is not None:
            args["temperature"] = temperature
            t = f", temperature={temperature:g}"
        return Case(call, args, f"z1, z2 {z1.dtype.name} {z1.shape}{t}{note}")

    def pair(N, d, temperature=None, dtype=np.float32, call="loss", **kw):
        z1, z2 = views(N, d, dtype, **kw)
        return case(z1, z2, temperature, call)

    same = rows(4, 6)
    same64 = rows(3, 5, np.float64)
    return [
        Check("correlated views, default temperature 0.5", [
            pair(4, 8), pair(3, 5), pair(6, 16), pair(5, 7, dtype=np.float64),
        ], options=TOLERANCE),
        Check("independent random views", [
            case(rows(4, 6), rows(4, 6), 0.5), case(rows(5, 3), rows(5, 3), 0.2),
        ], options=TOLERANCE),
        Check("other temperatures (0.07, 0.1, 0.3, 2.0)", [
            pair(4, 8, 0.07), pair(5, 6, 0.1), pair(3, 4, 0.3, dtype=np.float64), pair(4, 5, 2.0),
        ], options=TOLERANCE),
        Check("temperature 1", [pair(4, 6, 1.0)], options=TOLERANCE),
        Check("unit-norm inputs", [pair(4, 6, 0.5, unit=True), pair(3, 8, 0.2, unit=True)], options=TOLERANCE),
        Check("rows of very different lengths (0.01 to 100)", [
            pair(4, 6, 0.5, low=0.01, high=100.0), pair(5, 4, 0.1, dtype=np.float64, low=0.01, high=100.0),
        ], options=TOLERANCE),
        Check("identical views (z2 == z1)", [
            case(same, same.copy(), 0.5, note=", z2 == z1"), case(same64, same64.copy(), 0.2, note=", z2 == z1"),
        ], options=TOLERANCE),
        Check("N = 2 (two negatives per anchor)", [pair(2, 4, 0.5), pair(2, 3, 0.2, dtype=np.float64)],
              options=TOLERANCE),
        Check("gradients with respect to z1 and z2", [
            pair(4, 6, 0.5, call="loss_backward"), pair(3, 5, 0.2, call="loss_backward", dtype=np.float64),
            pair(4, 5, 0.5, call="loss_backward", unit=True), pair(3, 4, 1.0, call="loss_backward"),
        ], options=GRAD_TOLERANCE),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    N, d = 256, 128
    z1 = rng.standard_normal((N, d)).astype(np.float32)
    z2 = (z1 + 0.3 * rng.standard_normal((N, d))).astype(np.float32)
    return Efficiency(Case("loss_backward", {"z1": z1, "z2": z2, "temperature": 0.5},
                           f"z1, z2 float32 ({N}, {d}), temperature=0.5"), repeats=5)
