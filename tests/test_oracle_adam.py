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

from judging import edited, judge, summary
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


# -- other correct styles pass every check; other spellings of the mistakes are named as them -----

@pytest.fixture(scope="module")
def judged():
    return judge(PROBLEM)


PLAIN = '''
import numpy as np


def _core(g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    return lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    step, m, v = _core(grad + weight_decay * param, m, v, t, lr, beta1, beta2, eps)
    return param - step, m, v  # numpy scalars, not 0-d arrays, for a 0-d param


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    step, m, v = _core(grad, m, v, t, lr, beta1, beta2, eps)
    return param * (1 - lr * weight_decay) - step, m, v
'''

IN_PLACE_TORCH_ORDER = '''
import math

import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    if weight_decay:
        grad = grad + weight_decay * param
    m *= beta1
    m += (1 - beta1) * grad
    v *= beta2
    v += (1 - beta2) * grad * grad
    denom = np.sqrt(v) / math.sqrt(1 - beta2 ** t) + eps
    param -= (lr / (1 - beta1 ** t)) * m / denom
    return param, m, v


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    param *= 1 - lr * weight_decay
    return adam_step(param, grad, m, v, t, lr, beta1, beta2, eps, 0.0)
'''

PAPER_FORM_FLOAT32 = '''
import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    dt = param.dtype  # stays in float32 for float32 inputs
    g = (grad + np.asarray(weight_decay, dt) * param).astype(dt)
    m = (np.asarray(beta1, dt) * m + np.asarray(1 - beta1, dt) * g).astype(dt)
    v = (np.asarray(beta2, dt) * v + np.asarray(1 - beta2, dt) * np.square(g)).astype(dt)
    bc1, bc2 = 1 - beta1 ** t, 1 - beta2 ** t
    # the paper's "efficient" form, with eps rescaled so that it still sits after the correction
    lr_t, eps_hat = lr * np.sqrt(bc2) / bc1, eps * np.sqrt(bc2)
    return (param - np.asarray(lr_t, dt) * m / (np.sqrt(v) + np.asarray(eps_hat, dt))).astype(dt), m, v


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    stepped, m, v = adam_step(param, grad, m, v, t, lr, beta1, beta2, eps, 0.0)
    return stepped - lr * weight_decay * param, m, v
'''

LERP_DECAY_IN_STEP = '''
import numpy as np


def _moments(g, m, v, beta1, beta2):
    return m + (1 - beta1) * (g - m), v + (1 - beta2) * (g * g - v)


def _direction(m, v, t, beta1, beta2, eps):
    return (m / (1 - beta1 ** t)) / ((v / (1 - beta2 ** t)) ** 0.5 + eps)


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    m, v = _moments(grad + weight_decay * param if weight_decay else grad, m, v, beta1, beta2)
    return param - lr * _direction(m, v, t, beta1, beta2, eps), m, v


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    m, v = _moments(grad, m, v, beta1, beta2)
    return param - lr * (_direction(m, v, t, beta1, beta2, eps) + weight_decay * param), m, v
'''

PURE_FLOAT32_HYPERPARAMETERS = '''
import numpy as np


def _step(param, g, m, v, t, lr, beta1, beta2, eps):
    f = param.dtype.type  # every hyperparameter rounded to param's dtype, in-place moments
    b1, b2, one = f(beta1), f(beta2), f(1)
    m[...] = b1 * m + (one - b1) * g
    v[...] = b2 * v + (one - b2) * g * g
    return f(lr) * (m / (one - b1 ** t)) / (np.sqrt(v / (one - b2 ** t)) + f(eps))


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    param -= _step(param, grad + param.dtype.type(weight_decay) * param, m, v, t, lr, beta1, beta2, eps)
    return param, m, v


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    step = _step(param, grad, m, v, t, lr, beta1, beta2, eps)
    param *= param.dtype.type(1 - lr * weight_decay)
    param -= step
    return param, m, v
'''

FLOAT64_RETURNED = '''
import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    p = param.astype(np.float64)
    g = grad.astype(np.float64) + weight_decay * p
    m = beta1 * m.astype(np.float64) + (1.0 - beta1) * g
    v = beta2 * v.astype(np.float64) + (1.0 - beta2) * np.square(g)
    denom = np.sqrt(v / (1.0 - np.power(beta2, float(t)))) + eps
    return p - lr / (1.0 - np.power(beta1, float(t))) * m / denom, m, v  # float64 even for float32 input


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    return adam_step(param.astype(np.float64) * (1.0 - lr * weight_decay), grad, m, v, t, lr, beta1, beta2, eps)
'''


@pytest.mark.parametrize("source", [PLAIN, IN_PLACE_TORCH_ORDER, PAPER_FORM_FLOAT32, LERP_DECAY_IN_STEP,
                                    PURE_FLOAT32_HYPERPARAMETERS, FLOAT64_RETURNED],
                         ids=["plain", "in-place-torch-order", "paper-form-float32", "lerp-decay-in-step",
                              "pure-float32-hyperparameters", "float64-returned"])
def test_other_correct_styles_pass_every_check(judged, source):
    assert judged.failing_cases(source) == []


SPELLINGS = {
    "no-bias-correction": [("m_hat = m / (1 - beta1 ** t)", "m_hat = m"),
                           ("v_hat = v / (1 - beta2 ** t)", "v_hat = v")],
    "eps-inside-sqrt": [("(np.sqrt(v_hat) + eps)", "np.sqrt(v_hat + eps)")],
    "eps-before-bias-correction": [  # the paper's efficient form, eps left as it is
        ("lr * m_hat / (np.sqrt(v_hat) + eps)",
         "lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t) * m / (np.sqrt(v) + eps)")],
    "zero-based-step": [("beta1 ** t)", "beta1 ** (t + 1))"), ("beta2 ** t)", "beta2 ** (t + 1))")],
    "stores-corrected-moments": [("eps), m, v", "eps), m_hat, v_hat")],
    "adam-decoupled-decay": [("_core(grad + weight_decay * param,", "_core(grad,"),
                             ("    return param - step, m, v",
                              "    return param - step - lr * weight_decay * param, m, v")],
    "adamw-coupled-decay": [("_core(grad, m", "_core(grad + weight_decay * param, m"),
                            ("param * (1 - lr * weight_decay) - step", "param - step")],
    "adamw-decay-without-lr": [("param * (1 - lr * weight_decay) - step", "param - step - weight_decay * param")],
    "adamw-decay-after-step": [("param * (1 - lr * weight_decay) - step", "(param - step) * (1 - lr * weight_decay)")],
}


@pytest.mark.parametrize("mistake_id", list(SPELLINGS))
def test_other_spellings_of_a_mistake_are_diagnosed_as_it(judged, mistake_id):
    ranked = judged.ranked(edited(PLAIN, SPELLINGS[mistake_id]), mistake_id)
    assert ranked and ranked[0].mistake_id == mistake_id, summary(ranked)
