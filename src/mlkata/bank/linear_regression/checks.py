"""Named checks for linear_regression: inputs only; expected values come from the model answer.

Every design has feature means away from 0 and every target an intercept away from 0 (centred data
would hide a missing or penalised bias), and the penalised checks use l2 large enough to move the
fit well beyond the tolerance (l2 = 0 hides the penalty mistakes).

Gradient-descent cases pick lr = 1 / (the largest curvature of the loss) and enough steps that the
slowest direction contracts by e^-40: the model answer ends within ~1e-15 of the exact minimiser
(tests/test_oracle_linear_regression.py checks it against scikit-learn), and so does any start.
A gradient summed over the N samples instead of averaged takes steps N times too long there and
diverges. The default case (lr = 0.1, n_iter = 1000) has curvatures in [0.4, 4], checked by the oracle test.
"""

import math

import numpy as np

from mlkata.kit import Case, Check, Efficiency

# well-conditioned fits: float32 arithmetic passes (its error is ~1e-6 relative at these conditionings)
FIT_TOLERANCE = {"rtol": 1e-5, "atol": 1e-5, "check_dtype": False}
# cond(X^T X) ~ 1e9: the normal equations in float64 (solve, Cholesky, even inv) land within ~1e-6;
# float32 arithmetic does not, and is not expected to
ILL_TOLERANCE = {"rtol": 1e-4, "atol": 1e-4, "check_dtype": False}


def _signs(rng: np.random.Generator, size) -> np.ndarray:
    return rng.choice([-1.0, 1.0], size=size)


def _data(rng, n: int, d: int, shift: tuple[float, float] = (0.5, 1.0),
          noise: float = 0.3) -> tuple[np.ndarray, np.ndarray]:
    """Features of unit spread around means of size `shift`; a linear target with an intercept
    of size 1 to 2, plus noise."""
    means = rng.uniform(*shift, size=d) * _signs(rng, d)
    X = rng.standard_normal((n, d)) + means
    w = rng.standard_normal(d)
    b = rng.uniform(1.0, 2.0) * _signs(rng, ())
    y = X @ w + b + noise * rng.standard_normal(n)
    return X, y


def _exact_fit(rng) -> tuple[np.ndarray, np.ndarray]:
    """N = D + 1 = 4 points in general position, off-centre (a jittered simplex, so [X, 1] is well
    conditioned): the least-squares fit interpolates them."""
    X = np.vstack([np.zeros(3), 2.0 * np.eye(3)]) + 0.2 * rng.standard_normal((4, 3))
    X += rng.uniform(0.5, 1.0, size=3) * _signs(rng, 3)
    y = 2.0 * rng.standard_normal(4) + 1.5
    return X, y


def _ill_conditioned(rng, n: int, gap: float) -> tuple[np.ndarray, np.ndarray]:
    """Two nearly collinear columns (they differ by `gap` times noise), off-centre; cond(X^T X) ~ 1e9."""
    x1 = rng.standard_normal(n) + 2.0
    x2 = x1 + gap * rng.standard_normal(n)
    x3 = rng.standard_normal(n) - 1.0
    X = np.stack([x1, x2, x3], axis=1)  # [N, 3]
    y = X @ np.array([1.0, -0.5, 2.0]) + 0.7 + 1e-3 * rng.standard_normal(n)
    return X, y


def _closed(X, y, l2: float | None = None, note: str = "") -> Case:
    args = {"X": X, "y": y}
    if l2 is not None:
        args["l2"] = l2
    shown = "l2 omitted (default)" if l2 is None else f"l2={l2}"
    return Case("closed_form", args, f"X {X.shape}, {shown}{note}")


def _step_plan(X: np.ndarray, l2: float, margin: float = 40.0) -> tuple[float, int]:
    """lr = 1 / L and the steps that shrink the slowest direction by e^-margin, for the loss's
    curvatures (the eigenvalues of [X 1]^T [X 1] / n, plus l2 on the weights)."""
    n, d = X.shape
    Xb = np.hstack([X, np.ones((n, 1))])
    H = Xb.T @ Xb / n + np.diag([l2] * d + [0.0])
    low, high = np.linalg.eigvalsh(H)[[0, -1]]
    lr = round(1.0 / high, 3)
    return lr, math.ceil(margin / (lr * low))


def _descent(X, y, l2: float | None = None, note: str = "", defaults: bool = False) -> Case:
    """A gradient-descent case; `defaults`: lr and n_iter are not passed (nor l2 when None)."""
    options = {}
    if not defaults:
        options["lr"], options["n_iter"] = _step_plan(X, l2 or 0.0)
    if l2 is not None:
        options["l2"] = l2
    shown = ", ".join(f"{k}={v}" for k, v in options.items()) or "lr, n_iter and l2 omitted (defaults)"
    return Case("gradient_descent", {"X": X, "y": y, **options}, f"X {X.shape}, {shown}{note}")


def checks(rng: np.random.Generator) -> list[Check]:
    tall, line, wide5 = _data(rng, 30, 3), _data(rng, 12, 1), _data(rng, 50, 5)
    square = _exact_fit(rng)
    ridge = [_data(rng, 40, 4), _data(rng, 25, 2), _data(rng, 60, 3, shift=(1.5, 2.5))]
    wide = _data(rng, 6, 10)  # D > N: only the penalty makes the minimiser unique
    ill = [_ill_conditioned(rng, 40, 1e-4), _ill_conditioned(rng, 80, 2e-4)]
    gd = [_data(rng, 40, 3), _data(rng, 25, 1), _data(rng, 60, 4)]
    default = _data(rng, 50, 2, shift=(0.2, 0.4))

    return [
        Check("closed form, l2 = 0 (ordinary least squares)", [
            _closed(*tall, 0.0), _closed(*line, 0.0, " (one feature)"), _closed(*wide5),
            _closed(*square, 0.0, " (N = D + 1: an exact fit)"),
        ], options=FIT_TOLERANCE),
        Check("closed form with l2 > 0 (the bias is not penalised)", [
            _closed(*ridge[0], 0.5), _closed(*ridge[1], 2.0), _closed(*ridge[2], 0.1, " (feature means 1.5 to 2.5)"),
            _closed(*wide, 0.3, " (D > N: unique only thanks to l2)"),
        ], options=FIT_TOLERANCE),
        Check("closed form, ill-conditioned design (cond(X^T X) ~ 1e9)", [
            _closed(*ill[0], 0.0, ": two nearly collinear columns"),
            _closed(*ill[1], None, ": two nearly collinear columns"),
        ], options=ILL_TOLERANCE),
        Check("gradient descent reaches the least-squares fit (l2 = 0)", [
            _descent(*gd[0], 0.0), _descent(*gd[1], 0.0, " (one feature)"),
        ], options=FIT_TOLERANCE),
        Check("gradient descent with l2 > 0 (the bias is not penalised)", [
            _descent(*gd[2], 0.5), _descent(*gd[0], 1.0), _descent(*gd[1], 0.2, " (one feature)"),
        ], options=FIT_TOLERANCE),
        Check("gradient descent with every default (lr=0.1, n_iter=1000, l2=0)", [
            _descent(*default, note=" (feature means 0.2 to 0.4)", defaults=True),
        ], options=FIT_TOLERANCE),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    X, y = _data(rng, 4000, 16)
    args = {"X": X, "y": y, "lr": 0.05, "n_iter": 100, "l2": 0.1}
    return Efficiency(Case("gradient_descent", args, "fit_gradient_descent on X (4000, 16), 100 steps"), repeats=3)
