"""Runs the implementation's adam_step / adamw_step for many steps. Runs in the sandbox; holds no answers.

Every step gets fresh copies of param, grad, m and v (the implementation may update them in place),
and the driver keeps the state it returns, in the parameter's dtype (as torch keeps optimizer state),
for the next step. Gradients are either given, one per step, or computed here from the current
parameter for the quadratic f(p) = sum(curvature * (p - center)**2) / 2, so trajectories matter.
"""

import numpy as np


def _step(impl, kind, param, grad, m, v, t, hyper):
    name = "adam_step" if kind == "adam" else "adamw_step"
    out = getattr(impl, name)(param.copy(), grad.copy(), m.copy(), v.copy(), t, **hyper)
    if not isinstance(out, tuple | list) or len(out) != 3:
        raise TypeError(f"{name} must return a tuple (param, m, v) of three arrays, got {type(out).__name__}"
                        + (f" of length {len(out)}" if isinstance(out, tuple | list) else ""))
    state = []
    for what, x in zip(("param", "m", "v"), out, strict=True):
        arr = np.asarray(x)
        if arr.shape != param.shape:
            raise ValueError(f"{name} returned {what} of shape {arr.shape}; it must have param's shape {param.shape}")
        state.append(arr.astype(param.dtype))
    return state


def run(impl, kind, param, hyper, grads=None, curvature=None, center=None, noise=None, steps=None, t0=1,
        m=None, v=None):
    """The trajectory: param, m and v after every step (arrays [steps, *param.shape]) and each step's t."""
    m = np.zeros_like(param) if m is None else m
    v = np.zeros_like(param) if v is None else v
    steps = len(grads) if grads is not None else steps
    trajectory = {"param": [], "m": [], "v": []}
    for k in range(steps):
        if grads is not None:
            grad = grads[k]
        else:
            grad = curvature * (param - center)  # the quadratic's gradient at the current parameter
            if noise is not None:
                grad = grad + noise[k]
        param, m, v = _step(impl, kind, param, grad, m, v, t0 + k, hyper)
        for key, value in (("param", param), ("m", m), ("v", v)):
            trajectory[key].append(value)
    result = {key: np.stack(values) for key, values in trajectory.items()}
    result["t"] = np.arange(t0, t0 + steps)
    return result
