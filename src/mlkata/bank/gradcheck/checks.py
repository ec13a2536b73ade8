"""Named checks for gradcheck: inputs only; expected values come from the model answer.

Tolerances. Two correct central differences evaluate f at the same points, so they agree to
rounding; the checks allow rtol 1e-6 (atol 1e-8). A forward difference differs by about
h f''/2: at the default h = 1e-5 that is ~1e-5 relative for the cubic here, and the "large step"
check (h = 0.1, 0.3) makes it O(1). The bits of x after the call are compared exactly.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency

TIGHT = {"rtol": 1e-6, "atol": 1e-8}


def _grad(x, f, label, **kwargs) -> Case:
    return Case("gradient", {"x": x, "f": f, **kwargs}, label)


def _after(x, f, label, **kwargs) -> Case:
    return Case("x_after_call", {"x": x, "f": f, **kwargs}, label)


def checks(rng: np.random.Generator) -> list[Check]:
    def randn(*shape):
        return rng.standard_normal(shape)

    def spd(n):  # a symmetric matrix: x^T A x couples every pair of entries
        m = randn(n, n)
        return (m + m.T) / 2

    awkward = np.array([0.1, 1 / 3, 1e5 + 0.3, -2.7, 7e-3])  # x + h - h is not x for these
    return [
        Check("1-D x, separable f", [
            _grad(randn(5), "cubic", "f = sum(x^3 - 2x), x (5,)"),
            _grad(randn(1), "cubic", "f = sum(x^3 - 2x), x (1,)"),
        ], options=TIGHT),
        Check("1-D x, non-separable f", [
            _grad(randn(6), "quadratic_form", "f = x^T A x + sum(sin x), x (6,)", A=spd(6)),
            _grad(randn(4), "logsumexp", "f = logsumexp(x) (np.float64), x (4,)"),
        ], options=TIGHT),
        Check("2-D and 3-D x", [
            _grad(randn(3, 4), "quadratic_form", "f = x^T A x + sum(sin x), x (3, 4)", A=spd(12)),
            _grad(randn(2, 3, 2), "product", "f = prod(1 + x / 2) (a 0-d array), x (2, 3, 2)"),
            _grad(randn(2, 5), "cubic", "f = sum(x^3 - 2x), x (2, 5)"),
        ], options=TIGHT),
        Check("0-d x", [
            _grad(np.array(1.3), "cubic", "f = x^3 - 2x, x 0-d (1.3)"),
            _grad(np.array(-0.4), "product", "f = 1 + x / 2 (a 0-d array), x 0-d (-0.4)"),
        ], options=TIGHT),
        Check("non-contiguous x (views)", [
            _grad(randn(4, 3), "quadratic_form", "x = base.T, shape (3, 4)", A=spd(12), view="transposed"),
            _grad(randn(3, 6), "square_of_sum", "x = base[:, ::2], shape (3, 3)", view="every_other_column"),
            _grad(randn(2, 4), "cubic", "x = base[:, ::2], shape (2, 2), separable f", view="every_other_column"),
        ], options=TIGHT),
        Check("large step h", [
            _grad(randn(4), "cubic", "f = sum(x^3 - 2x), x (4,), h=0.1", h=0.1),
            _grad(randn(2, 3), "square_of_sum", "f = sum(x)^2 + sum(cos x), x (2, 3), h=0.3", h=0.3),
        ], options=TIGHT),
        Check("x unchanged after the call (bit for bit)", [
            _after(awkward, "cubic", "x (5,) of awkward values, separable f"),
            _after(awkward.reshape(1, 5) * 3.7, "square_of_sum", "x (1, 5), non-separable f, h=0.01", h=0.01),
            _after(randn(5, 4), "quadratic_form", "x = base.T, shape (4, 5)", A=spd(20), view="transposed"),
            _after(np.array(1 / 3), "cubic", "x 0-d (1/3)"),
        ], compare="exact"),
        Check("relative error of arrays", [
            Case("relative_error", {"a": randn(3, 4), "b": randn(3, 4)}, "a, b (3, 4)"),
            Case("relative_error", {"a": np.array([1.0, 2.0, 3.0]), "b": np.array([1.0, 2.0 + 1e-6, 2.9])},
                 "a, b (3,), one entry far off"),
            Case("relative_error", {"a": np.array([1e-8, -5.0]), "b": np.array([2e-8, -5.0 + 1e-9])},
                 "a, b (2,), tiny entries"),
        ], options=TIGHT),
        Check("relative error where both are zero", [
            Case("relative_error", {"a": np.array([0.0, 1.0, 0.0]), "b": np.array([0.0, 1.1, 0.0])},
                 "a, b (3,) with entries 0 in both"),
            Case("relative_error", {"a": np.zeros((2, 2)), "b": np.zeros((2, 2))}, "a = b = 0 (2, 2)"),
            Case("relative_error", {"a": 0.0, "b": 0.0}, "scalars 0.0, 0.0"),
        ], options=TIGHT),
        Check("relative error of scalars and eps", [
            Case("relative_error", {"a": 2.0, "b": 2.5}, "scalars 2.0, 2.5"),
            Case("relative_error", {"a": np.array(3.0), "b": np.array(-1.0)}, "0-d arrays 3.0, -1.0"),
            Case("relative_error", {"a": np.array([1e-3, 0.0]), "b": np.array([0.0, 0.0]), "eps": 1.0},
                 "eps=1.0 larger than |a| + |b|"),
        ], options=TIGHT),
        Check("relative error returns a Python float", [
            Case("relative_error_type", {"a": randn(4), "b": randn(4)}, "a, b (4,)"),
        ], compare="exact"),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    # relative_error on 200_000 entries: a Python loop over entries costs ~100x here
    a, b = rng.standard_normal(200_000), rng.standard_normal(200_000)
    return Efficiency(Case("relative_error", {"a": a, "b": b}, "a, b (200_000,)"), repeats=3)
