"""The adam model answer against torch.optim.Adam / torch.optim.AdamW (the oracle).

Both are run side by side, step by step, on the same gradients: the bank's own cases (given
gradients, or gradients of the quadratic computed from each side's own current parameter) and
random runs with random hyperparameters. param, exp_avg and exp_avg_sq are compared after every
step. torch runs with foreach=False (the plain per-tensor loop) and no AMSGrad / maximize.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("adam")
solution = PROBLEM.load_module("solution.py")
TOLERANCE = {np.dtype(np.float64): (1e-9, 1e-12), np.dtype(np.float32): (1e-4, 1e-5)}


def _torch_optimizer(kind: str, p: torch.Tensor, hyper: dict) -> torch.optim.Optimizer:
    kw = {"lr": hyper.get("lr", 1e-3), "betas": (hyper.get("beta1", 0.9), hyper.get("beta2", 0.999)),
          "eps": hyper.get("eps", 1e-8), "foreach": False}
    if kind == "adam":
        return torch.optim.Adam([p], weight_decay=hyper.get("weight_decay", 0.0), **kw)
    return torch.optim.AdamW([p], weight_decay=hyper.get("weight_decay", 1e-2), **kw)


def run_both(kind, param, hyper, grads=None, curvature=None, center=None, noise=None, steps=None, t0=1,
             m=None, v=None, dtype=None):
    """Trajectories (dicts of [steps, *shape] arrays) of the model answer and of torch.optim."""
    dtype = np.dtype(dtype or param.dtype)
    def cast(x):
        return None if x is None else np.asarray(x, dtype=dtype)

    param, grads, curvature, center, noise, m, v = map(cast, (param, grads, curvature, center, noise, m, v))
    steps = len(grads) if grads is not None else steps

    p = torch.tensor(param.copy(), requires_grad=True)
    opt = _torch_optimizer(kind, p, hyper)
    if t0 != 1:  # resume: the optimizer has taken t0 - 1 steps and holds m, v
        opt.state[p] = {"step": torch.tensor(float(t0 - 1)), "exp_avg": torch.tensor(m.copy()),
                        "exp_avg_sq": torch.tensor(v.copy())}
    m = np.zeros_like(param) if m is None else m
    v = np.zeros_like(param) if v is None else v
    step_fn = solution.adam_step if kind == "adam" else solution.adamw_step

    ours = {"param": [], "m": [], "v": []}
    theirs = {"param": [], "m": [], "v": []}
    def gradient(x, k):
        """Step k's gradient at x: given, or the quadratic's (each side uses its own parameter)."""
        if grads is not None:
            return grads[k]
        g = curvature * (x - center)
        return g if noise is None else g + noise[k]

    for k in range(steps):
        param, m, v = step_fn(param.copy(), gradient(param, k), m.copy(), v.copy(), t0 + k, **hyper)
        for key, value in (("param", param), ("m", m), ("v", v)):
            ours[key].append(np.asarray(value))

        with torch.no_grad():
            p.grad = torch.from_numpy(np.array(gradient(p.detach().numpy().copy(), k)))
        opt.step()
        state = opt.state[p]
        for key, value in (("param", p), ("m", state["exp_avg"]), ("v", state["exp_avg_sq"])):
            theirs[key].append(value.detach().numpy().copy())
    return ({k: np.stack(x) for k, x in ours.items()}, {k: np.stack(x) for k, x in theirs.items()})


def assert_same_trajectory(ours: dict, theirs: dict) -> None:
    for key in ("param", "m", "v"):
        got, expected = ours[key], theirs[key]
        assert got.shape == expected.shape and got.dtype == expected.dtype, key
        rtol, atol = TOLERANCE[expected.dtype]
        scale = float(np.max(np.abs(expected))) if expected.size else 0.0  # v can be ~1e-16: scale atol
        np.testing.assert_allclose(got, expected, rtol=rtol, atol=atol * scale, err_msg=key)


def _bank_cases():
    for check in PROBLEM.checks:
        for case in check.cases:
            assert case.call == "run"
            yield pytest.param(case.args, id=f"{check.name}: {case.label}")


@pytest.mark.parametrize("args", list(_bank_cases()))
def test_every_bank_case_matches_torch_in_float64(args):
    assert_same_trajectory(*run_both(**args, dtype=np.float64))


@pytest.mark.parametrize("args", [a for a in _bank_cases() if a.values[0]["param"].dtype == np.float32])
def test_float32_bank_cases_match_torch_in_float32(args):
    ours, theirs = run_both(**args)
    assert ours["param"].dtype == np.float32  # the model answer keeps float32 state float32
    assert_same_trajectory(ours, theirs)


def test_efficiency_case_matches_torch():
    assert_same_trajectory(*run_both(**PROBLEM.efficiency.case.args))


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(["adam", "adamw"]),
    shape=st.lists(st.integers(1, 4), min_size=0, max_size=3).map(tuple),
    steps=st.integers(1, 30),
    grad_log_scale=st.floats(-8, 2),
    lr=st.floats(1e-4, 0.1), beta1=st.floats(0.0, 0.99), beta2=st.floats(0.5, 0.9999),
    eps=st.sampled_from([1e-10, 1e-8, 1e-6, 1e-3]), weight_decay=st.sampled_from([0.0, 1e-2, 0.1, 0.5]),
    seed=st.integers(0, 2**32 - 1),
)
def test_random_runs_match_torch(kind, shape, steps, grad_log_scale, lr, beta1, beta2, eps, weight_decay, seed):
    rng = np.random.default_rng(seed)
    grads = rng.standard_normal((steps, *shape)) * 10.0**grad_log_scale
    hyper = {"lr": lr, "beta1": beta1, "beta2": beta2, "eps": eps, "weight_decay": weight_decay}
    assert_same_trajectory(*run_both(kind, rng.standard_normal(shape), hyper, grads=grads))


def test_adamw_with_zero_decay_equals_adam_in_torch_too():
    rng = np.random.default_rng(1)
    param, grads = rng.standard_normal(5), rng.standard_normal((20, 5))
    hyper = {"lr": 1e-2, "weight_decay": 0.0}
    adam, torch_adam = run_both("adam", param, hyper, grads=grads)
    adamw, torch_adamw = run_both("adamw", param, hyper, grads=grads)
    assert_same_trajectory(adam, torch_adam)
    assert_same_trajectory(adamw, torch_adamw)
    np.testing.assert_allclose(adam["param"], adamw["param"], rtol=1e-15)
