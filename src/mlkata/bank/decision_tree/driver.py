"""Builds the implementation's DecisionTree, fits it and reads it back. Runs in the sandbox; holds no answers.

`options` holds only the constructor arguments a case sets (max_depth, min_samples_split); the
others keep the implementation's defaults. Every fit gets copies of the data.
"""

import numpy as np


def _fit(impl, X, y, options):
    tree = impl.DecisionTree(**options)
    tree.fit(X.copy(), y.copy())
    return tree


def predict(impl, X, y, X_test, options):
    """The labels predicted for X_test [M, D] after fitting on (X, y)."""
    out = np.asarray(_fit(impl, X, y, options).predict(X_test.copy()))
    if out.shape != (len(X_test),):
        raise ValueError(f"predict should return one label per row of X, shape ({len(X_test)},), got {out.shape}")
    return out


def depth(impl, X, y, options):
    """get_depth() of the fitted tree, as an int."""
    value = _fit(impl, X, y, options).get_depth()
    if isinstance(value, np.ndarray) and value.shape != ():
        raise TypeError(f"get_depth should return an int, got an array of shape {value.shape}")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise TypeError(f"get_depth should return an int, got {type(value).__name__}") from None


def fit_returns_self(impl, X, y):
    """Whether fit returns the tree itself (so that DecisionTree().fit(X, y).predict(X_test) works)."""
    tree = impl.DecisionTree()
    return tree.fit(X.copy(), y.copy()) is tree
