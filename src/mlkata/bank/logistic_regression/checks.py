"""Named checks for logistic_regression: inputs only; expected values come from the model answer.

Data are float64; labels are 0/1 (float64, or int64 where a label says so). Every loss case has
b != 0, so a regularised bias shows; the fit cases are strongly convex and well conditioned, so
that gradient descent with the lr and n_iter each case passes ends within ~1e-10 of the exact
minimiser (tests/test_oracle_logistic_regression.py checks that against scikit-learn), far inside
the 1e-4 the fit is judged with: any method that reaches the optimum passes.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency, Mismatch

# float32 arithmetic passes: rounding z to float32 moves sigmoid by a relative ~|z| * 6e-8 (< 1e-5 where
# the value is above atol; far out in the tails the value itself is below 1e-12)
SIGMOID_TOLERANCE = {"rtol": 1e-5, "atol": 1e-12, "check_dtype": False}
SIGMOID32_TOLERANCE = {"rtol": 1e-5, "atol": 3e-7, "check_dtype": False}  # float32 spacing near 1 is 6e-8
LOSS_TOLERANCE = {"rtol": 1e-5, "atol": 1e-7, "check_dtype": False}
FIT_TOLERANCE = {"rtol": 1e-4, "atol": 1e-4, "check_dtype": False}


# -- inputs ----------------------------------------------------------------------------------

def _sign_mix(rng: np.random.Generator, magnitudes: np.ndarray) -> np.ndarray:
    return magnitudes * rng.choice([-1.0, 1.0], size=magnitudes.shape)


def _labels(rng: np.random.Generator, n: int) -> np.ndarray:
    y = (rng.random(n) < 0.5).astype(np.float64)
    if n >= 2:
        y[:2] = [0.0, 1.0]  # both classes present
    return y


def _params(rng: np.random.Generator, d: int) -> tuple[np.ndarray, float]:
    w = rng.standard_normal(d) * 1.5 / np.sqrt(d)  # with unit-variance features, logits of spread ~1.5
    b = float(_sign_mix(rng, rng.uniform(0.5, 1.5, size=())))  # |b| >= 0.5: a penalised bias is visible
    return w, b


def _loss_case(rng, n: int, d: int, l2: float | None = None, int_labels: bool = False, note: str = "") -> Case:
    w, b = _params(rng, d)
    X = rng.standard_normal((n, d))  # logits within about ±6: sigmoid neither flat nor saturated
    y = _labels(rng, n)
    if int_labels:
        y = y.astype(np.int64)
    args = {"w": w, "b": b, "X": X, "y": y}
    if l2 is not None:
        args["l2"] = l2
    label = f"N={n} D={d}, " + ("l2 omitted (default)" if l2 is None else f"l2={l2}") + \
        (", y int64" if int_labels else "") + note
    return Case("loss_and_grad", args, label)


def _saturated_case(rng, logits: np.ndarray, y: np.ndarray, l2: float, note: str) -> Case:
    """Inputs whose logits X @ w + b are `logits` (to rounding): column 0 of X absorbs the target."""
    n, d = len(logits), 3
    w, b = _params(rng, d)
    w[0] = 1.0
    X = rng.standard_normal((n, d))
    X[:, 0] = logits - b - X[:, 1:] @ w[1:]
    args = {"w": w, "b": b, "X": X, "y": y.astype(np.float64), "l2": l2}
    return Case("loss_and_grad", args, f"N={n} D={d}, l2={l2}: {note}")


def _fit_data(rng, n: int, d: int, scale: float, bias: float, signal: float) -> tuple[np.ndarray, np.ndarray]:
    """Centred features of spread `scale`; labels drawn from a logistic model (classes overlap)."""
    X = rng.standard_normal((n, d)) * scale
    X -= X.mean(axis=0)
    w_true = rng.standard_normal(d) * signal
    p = 1.0 / (1.0 + np.exp(-(X @ w_true + bias)))
    y = (rng.random(n) < p).astype(np.float64)
    return X, y


def _fit_case(X, y, note: str, **options) -> Case:
    shown = ", ".join(f"{k}={v}" for k, v in options.items()) or "lr, n_iter and l2 omitted (defaults)"
    return Case("fit", {"X": X, "y": y, **options}, f"X {X.shape}, {shown}{note}")


def _sigmoid_case(z: np.ndarray, note: str = "", call: str = "sigmoid") -> Case:
    return Case(call, {"z": z}, f"z {z.dtype} {z.shape}{note}")


# -- checks ------------------------------------------------------------------------------------

def checks(rng: np.random.Generator) -> list[Check]:
    ladder = np.array([0.0, 36.0, 100.0, 709.8, 745.5, 1000.0, 1e4])
    ladder = np.concatenate([-ladder[::-1], ladder[1:]])  # -1e4 ... 0 ... 1e4
    wide = _sign_mix(rng, rng.uniform(50.0, 1e4, size=(3, 5)))
    wide32 = _sign_mix(rng, rng.uniform(80.0, 1e4, size=(4, 4))).astype(np.float32)
    huge = _sign_mix(rng, 10.0 ** rng.uniform(0.0, 4.0, size=(3, 4)))

    # saturated logits: |z| from 40 (sigmoid rounds to exactly 0 or 1 in float64) up to 1000
    right = _sign_mix(rng, rng.uniform(40.0, 1000.0, size=6))
    right[:3] = [800.0, -800.0, 40.0]  # beyond exp's overflow point on both sides; just saturated
    wrong = _sign_mix(rng, rng.uniform(40.0, 1000.0, size=5))
    wrong[:2] = [760.0, -42.0]
    mixed = np.concatenate([rng.standard_normal(4) * 2.0, _sign_mix(rng, rng.uniform(40.0, 1000.0, size=6))])
    mixed_y = (mixed > 0).astype(np.float64)
    mixed_y[4:7] = 1.0 - mixed_y[4:7]  # three confidently wrong, three confidently right
    mixed_y[:4] = rng.random(4) < 0.5

    # fits: strongly convex (l2 > 0) or, where l2 = 0, overlapping classes with a finite optimum
    imbalanced = _fit_data(rng, 80, 4, scale=1.0, bias=-0.8, signal=1.0)
    half_X, half_y = _fit_data(rng, 40, 3, scale=1.0, bias=0.0, signal=1.0)
    mirrored = (np.vstack([half_X, -half_X]), np.concatenate([half_y, 1.0 - half_y]))  # optimum has b = 0
    int_X, int_y = _fit_data(rng, 60, 5, scale=1.0, bias=0.6, signal=0.8)
    all_default = _fit_data(rng, 150, 2, scale=1.5, bias=-0.6, signal=0.4)

    return [
        Check("sigmoid, moderate z", [
            _sigmoid_case(rng.standard_normal(7) * 4.0), _sigmoid_case(rng.standard_normal((3, 5)) * 6.0),
            _sigmoid_case(rng.standard_normal((2, 3, 4)) * 3.0), _sigmoid_case(np.zeros(3), " (all zeros)"),
        ], options=SIGMOID_TOLERANCE),
        Check("sigmoid, large |z| (up to 1e4)", [
            _sigmoid_case(ladder, ": -1e4, -1000, -745.5, ..., 0, ..., 745.5, 1000, 1e4"),
            _sigmoid_case(wide, ", |z| from 50 to 1e4"),
        ], options=SIGMOID_TOLERANCE),
        Check("sigmoid, float32 z", [
            _sigmoid_case((rng.standard_normal((4, 6)) * 5.0).astype(np.float32)),
            _sigmoid_case(wide32, ", |z| from 80 to 1e4"),
        ], options=SIGMOID32_TOLERANCE),
        Check("sigmoid: no floating-point warning (|z| up to 1e4)", [
            _sigmoid_case(ladder, ": -1e4 ... 1e4", call="sigmoid_warnings"),
            _sigmoid_case(huge, ", |z| from 1 to 1e4", call="sigmoid_warnings"),
            _sigmoid_case(wide32, ", |z| from 80 to 1e4", call="sigmoid_warnings"),
        ], compare="same_warnings"),
        Check("loss and gradients, l2 = 0", [
            _loss_case(rng, 12, 3), _loss_case(rng, 30, 1), _loss_case(rng, 1, 4, note=" (a single sample)"),
            _loss_case(rng, 9, 2, l2=0.0),
        ], options=LOSS_TOLERANCE),
        Check("loss and gradients with l2 > 0 (bias not regularised)", [
            _loss_case(rng, 20, 4, l2=0.1), _loss_case(rng, 8, 3, l2=1.0), _loss_case(rng, 40, 6, l2=0.03),
            _loss_case(rng, 1, 2, l2=2.5, note=" (a single sample)"),
        ], options=LOSS_TOLERANCE),
        Check("int labels", [_loss_case(rng, 15, 3, l2=0.2, int_labels=True), _loss_case(rng, 6, 2, int_labels=True)],
              options=LOSS_TOLERANCE),
        Check("saturated logits (|z| from 40 to 1000)", [
            _saturated_case(rng, wrong, (wrong < 0).astype(float), 0.1,
                            "every prediction confidently wrong (z = 760 and -42 among them)"),
            _saturated_case(rng, right, (right > 0).astype(float), 0.0,
                            "every prediction confidently right (z = ±800 and 40 among them)"),
            _saturated_case(rng, mixed, mixed_y, 0.0, "4 ordinary logits, 3 confidently wrong, 3 confidently right"),
            _saturated_case(rng, -right, (right < 0).astype(float), 0.5,
                            "every prediction confidently right: the loss is the penalty alone"),
            _saturated_case(rng, rng.uniform(40.0, 700.0, size=5), np.zeros(5), 0.0,
                            "every prediction confidently wrong, 40 < z < 700 (y = 0): e^z does not overflow, "
                            "but 1 - sigmoid(z) rounds to 0"),
        ], options=LOSS_TOLERANCE),
        Check("fit reaches the regularised optimum", [
            _fit_case(*imbalanced, " (unbalanced classes)", lr=1.0, n_iter=150, l2=0.1),
            _fit_case(*mirrored, " (mirrored data: the optimal b is 0)", lr=1.0, n_iter=120, l2=0.2),
            _fit_case(int_X, int_y.astype(np.int64), ", y int64", lr=1.0, n_iter=120, l2=0.3),
        ], options=FIT_TOLERANCE),
        Check("fit with every default (lr=0.1, n_iter=1000, l2=0)", [
            _fit_case(*all_default, " (overlapping, unbalanced classes: a finite optimum)"),
        ], options=FIT_TOLERANCE),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    n, d = 5000, 32
    X, y = _fit_data(rng, n, d, scale=1.0, bias=0.3, signal=0.3)
    args = {"w": rng.standard_normal(d) * 0.3, "b": 0.3, "X": X, "y": y, "l2": 0.1}
    return Efficiency(Case("loss_and_grad", args, f"logistic_loss_and_grad on X ({n}, {d})"), repeats=5)


# -- comparator ----------------------------------------------------------------------------------

def same_warnings(got, expected, path: str = "output") -> Mismatch | None:
    """The floating-point warnings of one sigmoid call: judged by whether there are any."""
    if not isinstance(got, list) or not all(isinstance(w, str) for w in got):
        return Mismatch("structure", f"{path}: expected a list of warning messages")
    if bool(got) == bool(expected):
        return None
    if got:
        more = f" (and {len(got) - 1} more)" if len(got) > 1 else ""
        return Mismatch("value", f"sigmoid emitted a floating-point warning: {got[0]}{more}. "
                                 "The values may be right, but the computation overflowed on the way")
    return Mismatch("value", f"expected a floating-point warning ({expected[0]}), got none")
