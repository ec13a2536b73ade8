"""mlp_backprop: the model answer's loss and gradients against torch autograd (the oracle),
in float64, on the bank's own networks and on hypothesis-generated ones; plus a central
finite-difference spot check that needs neither torch nor the model answer's backward pass."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from judging import edited, judge, summary
from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("mlp_backprop")
KEYS = ("W1", "b1", "W2", "b2")
SHAPES = {"W1": lambda D, H, C: (D, H), "b1": lambda D, H, C: (H,), "W2": lambda D, H, C: (H, C),
          "b2": lambda D, H, C: (C,)}

mlp_loss_and_grads = PROBLEM.load_module("solution.py").mlp_loss_and_grads


def torch_loss_and_grads(X: np.ndarray, y: np.ndarray, params: dict) -> tuple[float, dict]:
    """The same network in torch float64; F.cross_entropy's default reduction is the mean."""
    leaves = {k: torch.tensor(params[k], dtype=torch.float64, requires_grad=True) for k in KEYS}
    h = F.relu(torch.from_numpy(X) @ leaves["W1"] + leaves["b1"])
    logits = h @ leaves["W2"] + leaves["b2"]
    loss = F.cross_entropy(logits, torch.from_numpy(np.asarray(y, dtype=np.int64)))
    loss.backward()
    return loss.item(), {k: leaves[k].grad.numpy() for k in KEYS}


def assert_matches_torch(X, y, params) -> None:
    before = {k: v.copy() for k, v in params.items()}
    X_before = X.copy()
    loss, grads = mlp_loss_and_grads(X, y, params)
    expected_loss, expected = torch_loss_and_grads(X, y, params)
    assert isinstance(loss, float)
    assert np.isfinite(loss)
    np.testing.assert_allclose(loss, expected_loss, rtol=1e-12, atol=1e-12)
    assert sorted(grads) == sorted(KEYS)
    for k in KEYS:
        assert grads[k].shape == params[k].shape, k
        scale = max(1.0, float(np.abs(expected[k]).max(initial=0.0)))
        np.testing.assert_allclose(grads[k], expected[k], rtol=1e-9, atol=1e-12 * scale, err_msg=k)
    for k in KEYS:  # the model answer leaves its inputs as they were
        np.testing.assert_array_equal(params[k], before[k])
    np.testing.assert_array_equal(X, X_before)


def _bank_networks():
    """Every distinct network of the bank (each gives five cases that share its arrays)."""
    seen = set()
    cases = [(check.name, case) for check in PROBLEM.checks for case in check.cases]
    cases.append(("efficiency", PROBLEM.efficiency.case))
    for name, case in cases:
        args = case.args
        if "params" not in args or id(args["X"]) in seen:
            continue
        seen.add(id(args["X"]))
        yield pytest.param(args["X"], args["y"], args["params"], id=f"{name}: {case.label}")


@pytest.mark.parametrize(("X", "y", "params"), list(_bank_networks()))
def test_every_bank_network_matches_torch(X, y, params):
    assert_matches_torch(X, y, params)


def test_bank_covers_the_adversarial_regimes():
    """The bank's extreme networks really are extreme (else the stability checks test nothing)."""
    by_check = {check.name: check.cases[0].args for check in PROBLEM.checks}

    def logits(args):
        p = args["params"]
        return np.maximum(args["X"] @ p["W1"] + p["b1"], 0) @ p["W2"] + p["b2"]

    offset = logits(by_check["logits with a huge common offset (+-1000, spread of a few units)"])
    assert offset.min() > 900 and np.ptp(offset, axis=1).max() < 20
    rows = logits(by_check["rows whose logits sit ~1600 apart"])
    assert rows.max() - rows.max(axis=1).min() > 1200  # exp(-1200) is 0 in float64
    assert rows.max() > 760 and rows.min() < -760  # exp of the raw logits overflows and underflows
    wrong = by_check["a confidently wrong prediction (true class ~800 below the top logit)"]
    gap = logits(wrong).max(axis=1) - logits(wrong)[np.arange(len(wrong["y"])), wrong["y"]]
    assert (gap > 760).sum() >= 4  # exp(-760) underflows to 0 in float64
    for check in PROBLEM.checks:  # relu'(0) never matters: no pre-activation is exactly 0
        for case in check.cases:
            if "params" in case.args:
                p = case.args["params"]
                assert np.abs(case.args["X"] @ p["W1"] + p["b1"]).min() > 1e-6, check.name


@st.composite
def networks(draw):
    N, D, H = draw(st.integers(1, 12)), draw(st.integers(1, 6)), draw(st.integers(1, 8))
    C = draw(st.integers(2, 6))
    values = st.floats(-3.0, 3.0, allow_nan=False, width=64)
    X = draw(hnp.arrays(np.float64, (N, D), elements=values))
    params = {k: draw(hnp.arrays(np.float64, SHAPES[k](D, H, C), elements=values)) for k in KEYS}
    params["b2"] = params["b2"] + draw(st.sampled_from([0.0, 1000.0, -1000.0]))
    y = draw(hnp.arrays(np.int64, (N,), elements=st.integers(0, C - 1)))
    return X, y, params


@settings(max_examples=150, deadline=None)
@given(net=networks())
def test_random_networks_match_torch(net):
    assert_matches_torch(*net)


def test_random_larger_networks_match_torch():
    rng = np.random.default_rng(7)
    for N, D, H, C in [(64, 10, 32, 7), (200, 3, 50, 2), (33, 20, 5, 12)]:
        X = rng.standard_normal((N, D)) * 2
        params = {"W1": rng.standard_normal((D, H)), "b1": rng.standard_normal(H),
                  "W2": rng.standard_normal((H, C)) * 3, "b2": rng.standard_normal(C) * 10}
        assert_matches_torch(X, rng.integers(0, C, size=N), params)


def test_gradients_match_central_finite_differences():
    """d loss / d theta ~ (loss(theta + e) - loss(theta - e)) / 2e on random entries of every
    parameter. No pre-activation lies within 1e-3 of the ReLU's kink while eps * |x| <= 1e-5,
    so the loss is smooth along each probe and the central difference is accurate to ~1e-8."""
    rng = np.random.default_rng(3)
    N, D, H, C = 9, 4, 7, 5
    X = rng.standard_normal((N, D))
    y = rng.integers(0, C, size=N)
    params = {"W1": rng.standard_normal((D, H)), "b1": rng.standard_normal(H),
              "W2": rng.standard_normal((H, C)), "b2": rng.standard_normal(C)}
    assert np.abs(X @ params["W1"] + params["b1"]).min() > 1e-3
    assert np.abs(X).max() < 10
    _, grads = mlp_loss_and_grads(X, y, params)
    eps = 1e-6
    for k in KEYS:
        for flat in rng.choice(params[k].size, size=min(6, params[k].size), replace=False):
            idx = np.unravel_index(flat, params[k].shape)
            plus = {**params, k: params[k].copy()}
            minus = {**params, k: params[k].copy()}
            plus[k][idx] += eps
            minus[k][idx] -= eps
            numeric = (mlp_loss_and_grads(X, y, plus)[0] - mlp_loss_and_grads(X, y, minus)[0]) / (2 * eps)
            assert abs(numeric - grads[k][idx]) <= 1e-6 + 1e-5 * abs(numeric), (k, idx, numeric, grads[k][idx])


# -- other correct answers pass, other spellings of a mistake are named as it ------------------------

@pytest.fixture(scope="module")
def judged():
    return judge(PROBLEM)


PLAIN = '''
import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    z1 = X @ W1 + b1
    h = np.maximum(z1, 0)
    logits = h @ W2 + b2
    m = logits.max(axis=1, keepdims=True)
    shifted = logits - m
    lse = np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    logp = shifted - lse
    loss = -logp[np.arange(N), y].mean()
    p = np.exp(logp)
    onehot = np.zeros_like(p)
    onehot[np.arange(N), y] = 1
    dlogits = (p - onehot) / N
    dW2 = h.T @ dlogits
    db2 = dlogits.sum(axis=0)
    dh = dlogits @ W2.T
    dz1 = dh * (z1 > 0)
    dW1 = X.T @ dz1
    db1 = dz1.sum(axis=0)
    return float(loss), {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
'''

# in-place edits of its own arrays, masking by h <= 0, a numpy scalar loss
CS231N_STYLE = '''
import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = len(y)
    hidden = np.maximum(0, X.dot(W1) + b1)
    scores = hidden.dot(W2) + b2
    scores = scores - np.max(scores, axis=1, keepdims=True)
    exp_scores = np.exp(scores)
    sums = np.sum(exp_scores, axis=1, keepdims=True)
    loss = np.sum(np.log(sums[:, 0]) - scores[range(n), y]) / n
    dscores = exp_scores / sums
    dscores[range(n), y] -= 1
    dscores /= n
    dhidden = np.dot(dscores, W2.T)
    dhidden[hidden <= 0] = 0
    return loss, {"W2": hidden.T.dot(dscores), "b2": dscores.sum(axis=0),
                  "W1": X.T.dot(dhidden), "b1": dhidden.sum(axis=0)}
'''

# einsum, np.logaddexp.reduce, one-hot from np.eye, mask z1 >= 0
EINSUM_LOGADDEXP = '''
import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1, W2, b2 = (params[k] for k in ("W1", "b1", "W2", "b2"))
    N, C = X.shape[0], W2.shape[1]
    z1 = np.einsum("nd,dh->nh", X, W1) + b1
    h = np.where(z1 > 0, z1, 0.0)
    logits = np.einsum("nh,hc->nc", h, W2) + b2
    lse = np.logaddexp.reduce(logits, axis=1)
    Y = np.eye(C)[y]
    loss = np.mean(lse - np.sum(Y * logits, axis=1))
    g = (np.exp(logits - lse[:, None]) - Y) / N
    gz1 = np.einsum("nc,hc->nh", g, W2) * (z1 >= 0)
    return np.float64(loss), {"b2": g.sum(0), "W2": np.einsum("nh,nc->hc", h, g),
                              "b1": gz1.sum(0), "W1": np.einsum("nd,nh->dh", X, gz1)}
'''

# a loop over the examples (slow, flagged by the efficiency case, but correct)
PER_EXAMPLE_LOOP = '''
import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    gW1, gb1, gW2, gb2 = (np.zeros_like(a) for a in (W1, b1, W2, b2))
    loss = 0.0
    for i in range(N):
        z = X[i] @ W1 + b1
        h = np.maximum(z, 0)
        s = h @ W2 + b2
        lse = s.max() + np.log(np.sum(np.exp(s - s.max())))
        loss += lse - s[y[i]]
        p = np.exp(s - lse)
        p[y[i]] -= 1
        gW2 += np.outer(h, p)
        gb2 += p
        dz = (W2 @ p) * (z > 0)
        gW1 += np.outer(X[i], dz)
        gb1 += dz
    return loss / N, {"W1": gW1 / N, "b1": gb1 / N, "W2": gW2 / N, "b2": gb2 / N}
'''

# a 0-d array loss, np.subtract.at for the one-hot, keepdims bias sums reshaped back
ZERO_D_LOSS = '''
import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    a1 = np.matmul(X, W1) + b1[None, :]
    h = a1 * (a1 > 0)
    o = np.matmul(h, W2) + b2
    s = o - o.max(-1, keepdims=True)
    ls = s - np.log(np.exp(s).sum(-1, keepdims=True))
    loss = -np.take_along_axis(ls, y[:, None], axis=1).mean()
    d = np.exp(ls)
    np.subtract.at(d, (np.arange(N), y), 1.0)
    d *= 1.0 / N
    da1 = np.matmul(d, W2.T) * np.heaviside(a1, 0.0)
    return np.asarray(loss), {"W1": X.T @ da1, "b1": da1.sum(0, keepdims=True).reshape(-1),
                              "W2": h.T @ d, "b2": d.sum(axis=0, keepdims=True)[0]}
'''

ALTERNATIVES = {"plain": PLAIN, "cs231n-style": CS231N_STYLE, "einsum-logaddexp": EINSUM_LOGADDEXP,
                "per-example-loop": PER_EXAMPLE_LOOP, "zero-d-loss": ZERO_D_LOSS}


@pytest.mark.parametrize("name", list(ALTERNATIVES))
def test_other_correct_answers_pass_every_check(judged, name):
    assert judged.failing_cases(ALTERNATIVES[name], name) == []


# other ways to write a catalogued mistake, as edits of PLAIN
SPELLINGS = {
    "grad-not-averaged": [("dlogits = (p - onehot) / N", "dlogits = p - onehot")],
    "softmax-grad-no-onehot": [("dlogits = (p - onehot) / N", "dlogits = p / N")],
    "unstable-softmax": [("    m = logits.max(axis=1, keepdims=True)\n", "    m = 0\n")],
    "log-of-softmax": [("    loss = -logp[np.arange(N), y].mean()\n    p = np.exp(logp)\n",
                        "    p = np.exp(logp)\n    loss = -np.log(p[np.arange(N), y]).mean()\n")],
    "loss-logsumexp-unshifted": [("loss = -logp[np.arange(N), y].mean()",
                                  "loss = np.mean(np.log(np.sum(np.exp(logits), axis=1)) - logits[np.arange(N), y])")],
    "bias-grad-averaged": [("db2 = dlogits.sum(axis=0)", "db2 = np.mean(dlogits, axis=0)"),
                           ("db1 = dz1.sum(axis=0)", "db1 = np.mean(dz1, axis=0)")],
    "grad-sign-flipped": [("dlogits = (p - onehot) / N", "dlogits = (onehot - p) / N")],
    "relu-grad-missing": [("dz1 = dh * (z1 > 0)", "dz1 = dh")],
}


@pytest.mark.parametrize("mistake_id", list(SPELLINGS))
def test_other_spellings_of_a_mistake_are_diagnosed_as_it(judged, mistake_id):
    ranked = judged.ranked(edited(PLAIN, SPELLINGS[mistake_id]), mistake_id)
    assert ranked and ranked[0].mistake_id == mistake_id, summary(ranked)
