"""Named checks for mlp_backprop: inputs only; expected values come from the model answer.

Every network is float64 and drawn from the seeded rng. Each network gives five cases: the
loss and each of the four gradients on its own, so that a report (and the diagnosis) can
tell which part is wrong. No pre-activation X @ W1 + b1 is ever exactly 0, so relu'(0) = 0
and relu'(0) = 1 both pass.
"""

import math

import numpy as np

from mlkata.kit import Case, Check, Efficiency, Mismatch, describe

KEYS = ("W1", "b1", "W2", "b2")
# The arithmetic's precision is the candidate's: float32 must pass. Correct float64 implementations
# (matmul or einsum, one-hot by np.eye or by indexing, log-softmax or shifted softmax, a loop over
# examples) agree to ~1e-12; float32 ones, measured, to 2e-7 of max(1, scale) on ordinary networks
# and 1e-5 where the logits sit near +-1000 (float32 rounds such a logit by ~6e-5, which moves the
# softmax by as much). Every catalogued mistake is off by a factor (N), a missing term, a wrong
# shape or NaN, so the margin is many orders of magnitude either way.
TOLERANCE = {"rtol": 1e-5, "atol": 1e-6}
HUGE_LOGITS = {"rtol": 1e-4, "atol": 2e-4}


# -- inputs -----------------------------------------------------------------------------------

def _params(rng, D, H, C) -> dict:
    return {
        "W1": rng.standard_normal((D, H)) * (1.5 / math.sqrt(D)),
        "b1": rng.standard_normal(H) * 0.5,
        "W2": rng.standard_normal((H, C)) * (2.0 / math.sqrt(H)),
        "b2": rng.standard_normal(C) * 0.5,
    }


def _net(rng, N, D, H, C, y=None) -> dict:
    X = rng.standard_normal((N, D))
    y = rng.integers(0, C, size=N) if y is None else np.asarray(y, dtype=np.int64)
    return {"X": X, "y": y, "params": _params(rng, D, H, C)}


def _cases(net: dict, note: str = "") -> list[Case]:
    """The loss and each gradient of one network, as five cases."""
    (N, D), (H, C) = net["X"].shape, net["params"]["W2"].shape
    label = f"N={N} D={D} H={H} C={C}{note}"
    return [Case("loss", dict(net), f"{label}: loss")] + [
        Case("grad", {**net, "key": key}, f"{label}: grads[{key!r}]") for key in KEYS
    ]


def _dead_units(rng) -> dict:
    """Units 0-2 of 8 are off for every example: their pre-activation is far below 0."""
    net = _net(rng, 10, 5, 8, 4)
    net["params"]["b1"][:3] = -30.0
    return net


def _all_dead(rng) -> dict:
    """Every unit is off: h = 0, logits = b2, and dW1, db1, dW2 are exactly 0."""
    net = _net(rng, 6, 4, 5, 3)
    net["params"]["b1"][:] = -40.0 - rng.random(5)
    return net


def _common_offset(rng, offset: float) -> dict:
    """Every logit is `offset` plus a spread of a few units: exp of the raw logits over/underflows."""
    net = _net(rng, 8, 4, 6, 5)
    net["params"]["b2"] += offset
    return net


def _rows_far_apart(rng) -> dict:
    """Rows at -800 and at +800 (spread of a few units): hidden unit 0 is X[:, 0] and adds it to
    every class alike. Rows with X[:, 0] = -1 keep it off (logits ~ -800); the others have
    X[:, 0] ~ 1600 (logits ~ +800). A shift by the max of the whole batch leaves the low rows
    ~1600 below 0, where exp underflows to 0 for every class; exp of the raw logits overflows.
    The offset is the same for every class, so it moves no softmax and float32 arithmetic
    resolves the gradients as well as on any logits near 800."""
    N, D, H, C = 8, 4, 6, 3
    net = _net(rng, N, D, H, C)
    X, p = net["X"], net["params"]
    X[:, 0] = np.where(np.arange(N) % 3 == 0, -1.0, 1600.0 + rng.uniform(-5.0, 5.0, N))
    p["W1"][0, :] = 0.0                 # feature 0 feeds unit 0 only,
    p["W1"][:, 0] = 0.0
    p["W1"][0, 0] = 1.0                 # with weight 1 and no bias: z1[:, 0] = X[:, 0], never 0
    p["b1"][0] = 0.0
    p["W2"][0, :] = 1.0                 # the same offset for every class
    p["b2"] -= 800.0
    return net


def _confidently_wrong(rng) -> dict:
    """Class 1 scores ~800 above the others and the labels are mostly other classes: the true
    class's probability is exp(-800), which underflows to 0 in float64 (log gives -inf)."""
    net = _net(rng, 8, 4, 6, 4, y=[0, 2, 1, 3, 0, 2, 3, 1])
    net["params"]["b2"] = np.array([0.0, 800.0, 2.0, -1.0]) + rng.standard_normal(4) * 0.3
    return net


# -- checks -------------------------------------------------------------------------------------

def checks(rng: np.random.Generator) -> list[Check]:
    def net(N, D, H, C, y=None):
        return _net(rng, N, D, H, C, y)

    plain = net(6, 3, 5, 4)
    return [
        Check("random small networks", [
            case for shape in [(8, 5, 6, 3), (16, 3, 10, 4), (5, 7, 4, 2), (12, 4, 8, 10), (30, 6, 12, 5)]
            for case in _cases(net(*shape))
        ], compare="mlp_close", options=TOLERANCE),
        Check("a single example (N = 1)", _cases(net(1, 4, 5, 3)), compare="mlp_close", options=TOLERANCE),
        Check("square shapes (D = H = C)", _cases(net(7, 5, 5, 5)) + _cases(net(4, 4, 4, 4)),
              compare="mlp_close", options=TOLERANCE),
        Check("labels that miss some classes", [
            *_cases(net(6, 3, 5, 4, y=[0] * 6), ", every label 0"),
            *_cases(net(9, 4, 6, 6, y=[1, 0, 2, 1, 1, 0, 2, 0, 1]), ", labels in 0..2 only"),
        ], compare="mlp_close", options=TOLERANCE),
        Check("dead hidden units (pre-activation < 0 for every example)", [
            *_cases(_dead_units(rng), ", units 0-2 dead"),
            *_cases(_all_dead(rng), ", every unit dead"),
        ], compare="mlp_close", options=TOLERANCE),
        Check("logits with a huge common offset (+-1000, spread of a few units)", [
            *_cases(_common_offset(rng, 1000.0), ", b2 ~ +1000"),
            *_cases(_common_offset(rng, -1000.0), ", b2 ~ -1000"),
        ], compare="mlp_close", options=HUGE_LOGITS),
        Check("rows whose logits sit ~1600 apart", _cases(_rows_far_apart(rng), ", rows at -800 and +800"),
              compare="mlp_close", options=HUGE_LOGITS),
        Check("a confidently wrong prediction (true class ~800 below the top logit)",
              _cases(_confidently_wrong(rng), ", b2[1] ~ 800"), compare="mlp_close", options=HUGE_LOGITS),
        Check("grads holds exactly the keys W1, b1, W2, b2", [
            Case("grad_keys", plain, "N=6 D=3 H=5 C=4: sorted(grads)"),
        ], compare="mlp_close"),
        Check("leaves X, y and params unchanged", [
            Case("inputs_after_call", net(6, 3, 5, 4), "N=6 D=3 H=5 C=4: X, y, params after the call"),
            Case("inputs_after_call", _common_offset(rng, 1000.0), "N=8 D=4 H=6 C=5, b2 ~ +1000: after the call"),
        ], compare="exact"),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    # Many examples, narrow layers: the vectorised answer spends ~1 us per example, a Python loop
    # over the examples ~50 us (its per-call numpy overhead), so a loop is flagged by a wide margin.
    # (With N=512, D=64, H=128 the matrix products dominate and a loop is only ~10x slower.)
    N, D, H, C = 2048, 16, 32, 10
    args = {**_net(rng, N, D, H, C), "key": "W1"}
    return Efficiency(Case("grad", args, f"N={N} D={D} H={H} C={C}: grads['W1']"), repeats=5)


# -- comparator -----------------------------------------------------------------------------------

def _shape_note(got: tuple, exp: tuple) -> str:
    if len(got) == 2 and got == exp[::-1]:
        return " (the transpose)"
    if len(exp) == 1 and len(got) == 2 and got[1] == exp[0]:
        if got[0] == 1:
            return " (a kept axis of size 1: sum over the batch axis without keepdims)"
        return " (one row per example: a bias's gradient is summed over the batch axis)"
    return ""


def mlp_close(got, expected, rtol: float = 1e-5, atol: float = 1e-6) -> Mismatch | None:
    """A loss (float) or one gradient (array) within tolerance, dtype not checked; or grads' keys.

    atol scales with the largest expected magnitude. Where the expected value is not finite
    (only a mistake variant's output), a non-finite value in the same places agrees: NaN and
    inf are the same failure of the same bug, written two ways."""
    if isinstance(expected, float):
        if isinstance(got, np.ndarray) or type(got) is not float:
            what = f"an array of shape {tuple(got.shape)}" if isinstance(got, np.ndarray) else describe(got)
            return Mismatch("type", f"the loss should be one number (the mean over the batch), got {what}")
        if not math.isfinite(expected):
            return None if not math.isfinite(got) else Mismatch("value", f"expected {expected}, got {got:.6g}")
        if not math.isfinite(got):
            return Mismatch("nan", f"the loss is {got} where the answer is {expected:.6g}")
        if abs(got - expected) <= atol * max(1.0, abs(expected)) + rtol * abs(expected):
            return None
        return Mismatch("value", f"expected {expected:.10g}, got {got:.10g}")
    if isinstance(expected, list):  # the sorted keys of grads
        if got == expected:
            return None
        return Mismatch("structure", f"grads has the keys {got}; expected exactly {expected}")
    if not isinstance(got, np.ndarray) or got.dtype.kind not in "biuf":
        return Mismatch("type", f"expected an array {tuple(expected.shape)}, got {describe(got)}")
    if got.shape != expected.shape:
        return Mismatch("shape", f"wrong shape: expected {tuple(expected.shape)} (the parameter's shape), "
                                 f"got {tuple(got.shape)}{_shape_note(got.shape, expected.shape)}")
    g, e = got.astype(np.float64), expected.astype(np.float64)
    g_fin, e_fin = np.isfinite(g), np.isfinite(e)
    if (~g_fin & e_fin).any():
        bad = ~g_fin & e_fin
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        word = "NaN" if np.isnan(g[idx]) else "inf"
        return Mismatch("nan", f"{word} at {int(bad.sum())} of {g.size} entries where the answer is finite "
                               f"(first at {idx}, expected {e[idx]:.6g})")
    if (g_fin & ~e_fin).any():
        return Mismatch("value", "finite where the expected value is not")
    scale = float(np.abs(e[e_fin]).max(initial=0.0))
    tol = atol * max(1.0, scale) + rtol * np.abs(np.where(e_fin, e, 0.0))
    diff = np.abs(np.where(e_fin, g - e, 0.0))
    bad = diff > tol
    if not bad.any():
        return None
    idx = tuple(int(i) for i in np.unravel_index(int(np.argmax(diff - tol)), diff.shape))
    return Mismatch("value", f"{int(bad.sum())} of {g.size} entries differ; largest at {idx}: "
                             f"expected {e[idx]:.6g}, got {g[idx]:.6g}")
