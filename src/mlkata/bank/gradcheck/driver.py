"""Calls the implementation's gradient checker. Runs in the sandbox; holds no answers.

Functions cannot cross into the sandbox, so a case names its f (FUNCTIONS) and the way x is laid
out (VIEWS); the driver builds both here."""

import numpy as np


def _quadratic(x, A):
    v = x.reshape(-1)  # [n], a copy when x is not contiguous: fine for reading
    return float(v @ A @ v + np.sin(v).sum())


FUNCTIONS = {
    "cubic": lambda x, A: float(np.sum(x**3 - 2.0 * x)),                       # separable, a float
    "quadratic_form": _quadratic,                                             # non-separable, a float
    "logsumexp": lambda x, A: np.log(np.sum(np.exp(x))),                      # non-separable, np.float64
    "product": lambda x, A: np.asarray(np.prod(1.0 + 0.5 * x)),               # non-separable, a 0-d array
    "square_of_sum": lambda x, A: np.sum(x) ** 2 + np.sum(np.cos(x)),         # non-separable, np.float64
}

VIEWS = {
    None: lambda base: base,
    "transposed": lambda base: base.T,
    "every_other_column": lambda base: base[:, ::2],
}


def _x(x, view):
    return VIEWS[view](x.copy())


def gradient(impl, x, f, h=None, A=None, view=None):
    x = _x(x, view)
    fn = lambda v: FUNCTIONS[f](v, A)  # noqa: E731
    grad = impl.numerical_gradient(fn, x) if h is None else impl.numerical_gradient(fn, x, h=h)
    return np.asarray(grad)


def x_after_call(impl, x, f, h=None, A=None, view=None):
    """How many entries of x (and of the array it is a view of) changed their bits during the call."""
    base = x.copy()
    x = VIEWS[view](base)
    x_bits, base_bits = np.array(x).view(np.int64), base.view(np.int64).copy()
    fn = lambda v: FUNCTIONS[f](v, A)  # noqa: E731
    if h is None:
        impl.numerical_gradient(fn, x)
    else:
        impl.numerical_gradient(fn, x, h=h)
    return {"x entries changed": int(np.sum(np.array(x).view(np.int64) != x_bits)),
            "base entries changed": int(np.sum(base.view(np.int64) != base_bits))}


def relative_error(impl, a, b, eps=None):
    r = impl.relative_error(a, b) if eps is None else impl.relative_error(a, b, eps=eps)
    return float(r)


def relative_error_type(impl, a, b):
    return isinstance(impl.relative_error(a, b), float)  # np.float64 is a float too
