"""Calls the implementation's pca_fit and pca_transform. Runs in the sandbox; holds no answers.

A principal axis is defined up to its sign, which the contract fixes by a rule of its own: the
components and the scores of a fitted model are returned here with that rule applied (the same
for every answer), and whether the answer itself follows the rule is a separate call, `sign_rule`.
Components are read as rows when the result has k rows, else as columns (a [D, k] answer then
shows as a wrong shape, its values judged as the same axes).
"""

import numpy as np


def _array(value):
    """A list or tuple of numbers as an array; anything else (an array, None) as it is."""
    return np.asarray(value) if isinstance(value, list | tuple) else value


def _fit(impl, X, k):
    result = impl.pca_fit(X, k)
    if not isinstance(result, tuple | list) or len(result) != 3:
        raise TypeError("pca_fit should return a tuple (components, explained_variance, mean), "
                        f"got {type(result).__name__}")
    return result


def _peak_signs(components, k):
    """The sign of the entry of largest |value| of every axis ([k]), and whether axes are rows."""
    c = np.asarray(components, dtype=np.float64)
    if c.ndim != 2:
        raise ValueError(f"components should be a 2-D array [k, D], got shape {c.shape}")
    rows = c.shape[0] == k
    axes = c if rows else c.T                              # [k', D] one axis per row
    signs = np.sign(axes[np.arange(axes.shape[0]), np.abs(axes).argmax(axis=1)])
    return signs, rows


def _normalised(components, k):
    c = np.asarray(components, dtype=np.float64)
    signs, rows = _peak_signs(c, k)
    return c * signs[:, None] if rows else c * signs[None, :]


def components(impl, X, k):
    """The components, each flipped so that its entry of largest |value| is positive."""
    return _normalised(_fit(impl, X, k)[0], k)


def explained_variance(impl, X, k):
    return _array(_fit(impl, X, k)[1])


def mean(impl, X, k):
    return _array(_fit(impl, X, k)[2])


def sign_rule(impl, X, k):
    """True when every returned component's entry of largest |value| is positive."""
    signs, _ = _peak_signs(_fit(impl, X, k)[0], k)
    return bool((signs > 0).all())


def transform(impl, X, components, mean):
    return _array(impl.pca_transform(X, components, mean))


def fit_transform(impl, X, k):
    """The scores of X on its own fit, each column flipped with its component's sign."""
    comps, _, mu = _fit(impl, X, k)
    scores = impl.pca_transform(X, comps, mu)
    if scores is None:
        return None
    scores = np.asarray(scores, dtype=np.float64)
    signs, _ = _peak_signs(comps, k)
    if scores.ndim == 2 and scores.shape[1] == signs.shape[0]:
        scores = scores * signs[None, :]
    return scores


def inputs_after_calls(impl, X, k, X_new):
    """The caller's arrays after a fit on X and a transform of X_new: both must be unchanged."""
    comps, _, mu = _fit(impl, X, k)
    impl.pca_transform(X_new, comps, mu)
    return {"X": X, "X_new": X_new}
