"""Calls the implementation's sigmoid, loss-and-gradient and fit. Runs in the sandbox; holds no answers."""

import warnings

import numpy as np


def _number(x, what: str) -> float:
    """A Python float from a number or a 0-d array; anything else is a contract violation."""
    if isinstance(x, np.ndarray) and x.shape != ():
        raise TypeError(f"{what} should be a single number (a float), got an array of shape {x.shape}")
    try:
        return float(x)
    except (TypeError, ValueError):
        raise TypeError(f"{what} should be a single number (a float), got {type(x).__name__}") from None


def _unpack(out, n: int, what: str) -> tuple:
    if not isinstance(out, tuple | list) or len(out) != n:
        raise TypeError(f"{what} should return a tuple of {n} values, got {type(out).__name__}"
                        + (f" of length {len(out)}" if isinstance(out, tuple | list) else ""))
    return tuple(out)


def sigmoid(impl, z):
    """sigmoid(z), as returned."""
    return impl.sigmoid(z)


def sigmoid_warnings(impl, z):
    """The floating-point warnings (RuntimeWarnings) that one call of sigmoid(z) emits, as text.

    numpy's default error handling is set explicitly for the call (overflow, divide-by-zero and
    invalid operations warn; underflow to 0 is silent), whatever the submission set at import."""
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
        warnings.simplefilter("always")
        impl.sigmoid(z)
    return [f"{w.category.__name__}: {w.message}" for w in caught if issubclass(w.category, RuntimeWarning)]


def loss_and_grad(impl, w, b, X, y, **l2):
    """(loss, dw, db) as a dict; `l2` is passed only when the case sets it (else the default applies)."""
    loss, dw, db = _unpack(impl.logistic_loss_and_grad(w, b, X, y, **l2), 3, "logistic_loss_and_grad")
    return {"loss": _number(loss, "loss"), "dw": dw, "db": _number(db, "db")}


def fit(impl, X, y, **options):
    """(w, b) from fit_logistic_regression as a dict; lr, n_iter and l2 are passed only when the case sets them."""
    w, b = _unpack(impl.fit_logistic_regression(X, y, **options), 2, "fit_logistic_regression")
    return {"w": w, "b": _number(b, "b")}

