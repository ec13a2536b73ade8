"""Calls the implementation's batch_norm_forward and batch_norm_backward. Runs in the sandbox; holds no answers.

The implementation gets fresh copies of every array. Each case returns one of the results, so a wrong
running variance does not hide a right y (or the reverse); the `*_inputs_after` calls return the
caller's arrays after the call instead, which must be as they were.
"""

import numpy as np

FORWARD = ("y", "running_mean", "running_var")
BACKWARD = ("dx", "dgamma", "dbeta")


def _triple(result, name: str, parts: tuple[str, ...]) -> tuple:
    if not isinstance(result, tuple | list) or len(result) != 3:
        length = f" of length {len(result)}" if isinstance(result, tuple | list) else ""
        raise TypeError(f"{name} should return a tuple ({', '.join(parts)}), got {type(result).__name__}{length}")
    return tuple(result)


def _call_forward(impl, x, gamma, beta, running_mean, running_var, options):
    result = impl.batch_norm_forward(x, gamma, beta, running_mean, running_var, **options)
    return _triple(result, "batch_norm_forward", FORWARD)


def _copies(*arrays):
    return [np.array(a, copy=True) for a in arrays]


def forward(impl, x, gamma, beta, running_mean, running_var, momentum, eps, training, part):
    """One of (y, new_running_mean, new_running_var), as an array."""
    options = {"momentum": momentum, "eps": eps, "training": training}
    result = _call_forward(impl, *_copies(x, gamma, beta, running_mean, running_var), options)
    return np.asarray(result[FORWARD.index(part)])


def forward_defaults(impl, x, gamma, beta, running_mean, running_var, part):
    """The same with momentum, eps and training left at their defaults (0.1, 1e-5, True)."""
    result = _call_forward(impl, *_copies(x, gamma, beta, running_mean, running_var), {})
    return np.asarray(result[FORWARD.index(part)])


def forward_inputs_after(impl, x, gamma, beta, running_mean, running_var, training):
    """The caller's arrays after one forward call."""
    inputs = {"x": x, "gamma": gamma, "beta": beta, "running_mean": running_mean, "running_var": running_var}
    inputs = {name: np.array(a, copy=True) for name, a in inputs.items()}
    _call_forward(impl, *inputs.values(), {"training": training})
    return inputs


def backward(impl, dy, x, gamma, eps, part):
    """One of (dx, dgamma, dbeta), as an array; eps=None leaves it at its default."""
    options = {} if eps is None else {"eps": eps}
    result = impl.batch_norm_backward(*_copies(dy, x, gamma), **options)
    return np.asarray(_triple(result, "batch_norm_backward", BACKWARD)[BACKWARD.index(part)])


def backward_inputs_after(impl, dy, x, gamma):
    """The caller's arrays after one backward call."""
    inputs = {"dy": np.array(dy, copy=True), "x": np.array(x, copy=True), "gamma": np.array(gamma, copy=True)}
    impl.batch_norm_backward(*inputs.values())
    return inputs
