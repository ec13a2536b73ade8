"""Calls the implementation's two fits. Runs in the sandbox; holds no answers."""

import numpy as np


def _number(x, what: str) -> float:
    """A Python float from a number or a 0-d (or one-element) array; anything else breaks the contract."""
    if isinstance(x, np.ndarray) and x.size != 1:
        raise TypeError(f"{what} should be a single number (a float), got an array of shape {x.shape}")
    try:
        return float(np.asarray(x).reshape(()))
    except (TypeError, ValueError):
        raise TypeError(f"{what} should be a single number (a float), got {type(x).__name__}") from None


def _fit(out, what: str) -> dict:
    if not isinstance(out, tuple | list) or len(out) != 2:
        raise TypeError(f"{what} should return a tuple (w, b), got {type(out).__name__}"
                        + (f" of length {len(out)}" if isinstance(out, tuple | list) else ""))
    w, b = out
    return {"w": w, "b": _number(b, "b")}


def closed_form(impl, X, y, **l2):
    """(w, b) from fit_closed_form as a dict; l2 is passed only when the case sets it."""
    return _fit(impl.fit_closed_form(X, y, **l2), "fit_closed_form")


def gradient_descent(impl, X, y, **options):
    """(w, b) from fit_gradient_descent as a dict; lr, n_iter and l2 are passed only when the case sets them."""
    return _fit(impl.fit_gradient_descent(X, y, **options), "fit_gradient_descent")
