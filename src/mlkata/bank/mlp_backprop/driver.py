"""Calls the implementation's mlp_loss_and_grads and returns one part of its result per case.

Runs in the sandbox; holds no answers. Every case returns a single part (the loss, or one
gradient) so that a wrong gradient of one parameter does not hide behind another.
"""

import numpy as np

KEYS = ("W1", "b1", "W2", "b2")


def _call(impl, X, y, params):
    result = impl.mlp_loss_and_grads(X, y, params)
    if not isinstance(result, tuple | list) or len(result) != 2:
        raise TypeError("mlp_loss_and_grads should return a pair (loss, grads), "
                        f"got {type(result).__name__}" + (f" of length {len(result)}" if
                                                          isinstance(result, tuple | list) else ""))
    loss, grads = result
    if not isinstance(grads, dict):
        raise TypeError(f"grads should be a dict keyed by {', '.join(KEYS)}, got {type(grads).__name__}")
    return loss, grads


def loss(impl, X, y, params):
    """The loss: a float when it is a scalar, else the array as returned (the comparator names the shape)."""
    value, _ = _call(impl, X, y, params)
    value = np.asarray(value)
    if value.ndim == 0 and value.dtype.kind in "biuf":
        return float(value)
    return value


def grad(impl, X, y, params, key):
    """One gradient, grads[key], as an array."""
    _, grads = _call(impl, X, y, params)
    if key not in grads:
        raise KeyError(f"grads has no key {key!r} (its keys: {sorted(map(str, grads))})")
    return np.asarray(grads[key])


def grad_keys(impl, X, y, params):
    """The keys of the returned grads dict, sorted."""
    _, grads = _call(impl, X, y, params)
    return sorted(str(k) for k in grads)


def inputs_after_call(impl, X, y, params):
    """The caller's arrays after the call: the function must leave them as they were."""
    _call(impl, X, y, params)
    return {"X": X, "y": y, "params": params}
