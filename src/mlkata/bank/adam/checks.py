"""Named checks for adam: inputs only; expected values come from the model answer.

Every case is a trajectory: the driver runs adam_step or adamw_step for several steps and returns
param, m and v after each one, so an error anywhere (and its effect on later steps) is seen.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency, Mismatch, describe

# (rtol, atol), one for float32 and float64 parameters alike: the contract leaves the arithmetic
# open, and float32 arithmetic on float64 inputs must pass. atol is relative to the largest
# magnitude of the same quantity (param, m or v) over the whole trajectory, so tiny moments (grads
# ~1e-8, v ~1e-16) are still compared. Measured on every case: float32 arithmetic stays below 2e-6
# of that scale (a fifth of atol); torch.optim itself, torch's order of operations and float64
# arithmetic on float32 inputs stay far below. Most mistakes miss by 1e3 and more; the two eps
# mistakes, which only matter where sqrt(v_hat) is small, by 1e5 on the tiny-gradient and
# custom-eps cases.
TOLERANCE = (1e-4, 1e-5)
NAMES = {"param": "param", "m": "m (first moment)", "v": "v (second moment)"}


def _fmt_index(idx: tuple) -> str:
    return "[" + ", ".join(str(int(i)) for i in idx) + "]" if idx else "[]"


def _expected_got(e: float, g: float) -> str:
    """Enough digits to tell the two apart, and their difference when it is small."""
    digits = 6
    while digits < 12 and f"{e:.{digits}g}" == f"{g:.{digits}g}":
        digits += 2
    text = f"expected {e:.{digits}g}, got {g:.{digits}g}"
    if np.isfinite(g) and abs(g - e) < 1e-3 * max(abs(e), 1e-300):
        text += f" (a difference of {abs(g - e):.2g})"
    return text


def trajectory_close(got, expected, path: str = "output", **_) -> Mismatch | None:
    """param, m and v after every step, within TOLERANCE whatever the dtype.

    Reports the first step at which anything differs, and what differs there."""
    if not isinstance(got, dict) or any(k not in got for k in NAMES):
        return Mismatch("structure", f"{path}: expected the trajectory of param, m and v, got {describe(got)}")
    rtol, atol = TOLERANCE
    first, problems = None, {}
    for key in NAMES:
        g, e = got[key], expected[key]
        if not isinstance(g, np.ndarray) or g.shape != e.shape:
            return Mismatch("shape", f"{path}[{key!r}]: expected {describe(e)}, got {describe(g)}")
        g64, e64 = g.astype(np.float64), e.astype(np.float64)
        finite = np.abs(e64[np.isfinite(e64)])  # `expected` is a mistake variant's output in diagnosis
        scale = float(finite.max()) if finite.size else 0.0
        bad = ~np.isclose(g64, e64, rtol=rtol, atol=atol * scale, equal_nan=True)
        if not bad.any():
            continue
        step = int(np.argmax(bad.reshape(len(bad), -1).any(axis=1)))
        problems[key] = (step, bad[step], g64[step], e64[step])
        first = step if first is None else min(first, step)
    if first is None:
        return None
    t = int(expected["t"][first])
    parts, kind = [], "value"
    for key, (step, bad, g, e) in problems.items():
        if step != first:
            continue
        with np.errstate(invalid="ignore"):  # inf - inf where both overflowed
            err = np.where(bad, np.nan_to_num(np.abs(g - e), nan=np.inf, posinf=np.inf), 0.0)
        idx = np.unravel_index(int(np.argmax(err)), err.shape) if err.ndim else ()
        where = f" at {_fmt_index(idx)}" if err.ndim else ""
        if not np.isfinite(g[idx]):
            kind = "nan"
        count = f"{int(bad.sum())} of {bad.size} entries differ; largest{where}: " if bad.size > 1 else ""
        parts.append(f"{NAMES[key]}: {count}{_expected_got(float(e[idx]), float(g[idx]))}")
    n = len(expected["t"])
    return Mismatch(kind, f"first differs after step {first + 1} of {n} (t={t}): " + "; ".join(parts))


# -- cases ------------------------------------------------------------------------------------

def _label(kind, shape, dtype, steps, hyper, note) -> str:
    name = "adam_step" if kind == "adam" else "adamw_step"
    args = ", ".join(f"{k}={v:g}" for k, v in hyper.items()) or "default hyperparameters"
    return f"{name}, param {np.dtype(dtype).name} {tuple(shape)}, {steps} steps, {args}{note}"


def _given(kind, param, grads, hyper, note="", **state) -> Case:
    """Gradients given in advance, one per step."""
    args = {"kind": kind, "param": param, "hyper": hyper, "grads": grads, **state}
    t0 = state.get("t0", 1)
    note = (f", t from {t0} with m, v carried over" if t0 != 1 else "") + note
    return Case("run", args, _label(kind, param.shape, param.dtype, len(grads), hyper, note))


def _quadratic(kind, param, curvature, center, steps, hyper, noise=None, note="") -> Case:
    """Gradients computed by the driver from the current parameter: curvature * (param - center)."""
    args = {"kind": kind, "param": param, "hyper": hyper, "curvature": curvature, "center": center,
            "steps": steps, "noise": noise}
    note = " on a quadratic" + (" with noisy gradients" if noise is not None else "") + note
    return Case("run", args, _label(kind, param.shape, param.dtype, steps, hyper, note))


def checks(rng: np.random.Generator) -> list[Check]:
    def normal(*shape, scale=1.0, dtype=np.float64):
        return np.asarray(rng.standard_normal(shape) * scale, dtype=dtype)

    def grads(steps, shape, scale=1.0, dtype=np.float64):
        """A per-coordinate mean (a consistent direction) plus noise, each coordinate at its own scale."""
        coord_scale = scale * 10.0 ** rng.uniform(-1, 1, shape)
        mean = rng.standard_normal(shape)
        return np.asarray((mean + 0.7 * rng.standard_normal((steps, *shape))) * coord_scale, dtype=dtype)

    def quadratic(shape, dtype=np.float64):
        """(param0, curvature, center): curvatures from 0.1 to 10, the start well away from the center."""
        curvature = 10.0 ** rng.uniform(-1, 1, shape)
        return normal(*shape, scale=2.0, dtype=dtype), curvature.astype(dtype), normal(*shape, dtype=dtype)

    def resumed_state(shape):
        """A plausible mid-run state: m ~ the gradient's mean, v ~ its square (positive)."""
        return {"m": normal(*shape, scale=0.3), "v": 10.0 ** rng.uniform(-3, 0, shape)}

    lr2 = {"lr": 1e-2}
    zero_cols = grads(40, (3, 4))
    zero_cols[:, :, 1] = 0.0  # column 1 never gets a gradient
    zero_cols_w = grads(40, (3, 4))
    zero_cols_w[:, 0, :] = 0.0  # row 0 never gets a gradient: AdamW still decays it

    return [
        Check("the first five steps (bias correction matters most)", [
            _given("adam", normal(3, 4), grads(5, (3, 4)), lr2),
            _given("adam", normal(5), grads(5, (5,)), {"lr": 0.1}),
            _given("adamw", normal(3, 4), grads(5, (3, 4)), {"lr": 1e-2, "weight_decay": 0.1}),
        ], compare="trajectory_close"),
        Check("Adam, 100 steps of given gradients", [
            _given("adam", normal(2, 3, 2), grads(100, (2, 3, 2)), lr2),
            _given("adam", normal(6), grads(100, (6,), scale=10.0), {"lr": 3e-3}),
        ], compare="trajectory_close"),
        Check("Adam with weight_decay (L2: decay * param added to the gradient)", [
            _given("adam", normal(6, scale=2.0), grads(60, (6,), scale=0.1), {"lr": 1e-2, "weight_decay": 0.5}),
            _given("adam", normal(3, 4), grads(30, (3, 4)), {"lr": 1e-2, "weight_decay": 0.1}),
        ], compare="trajectory_close"),
        Check("AdamW, 100 steps (decoupled weight decay)", [
            _given("adamw", normal(2, 3, 2, scale=2.0), grads(100, (2, 3, 2)), {"lr": 1e-2, "weight_decay": 0.1}),
            _given("adamw", normal(6), grads(100, (6,), scale=0.1), {"lr": 3e-2, "weight_decay": 0.5}),
        ], compare="trajectory_close"),
        Check("AdamW with weight_decay=0 is Adam", [
            _given("adamw", normal(5), grads(30, (5,)), {"lr": 1e-2, "weight_decay": 0.0}),
        ], compare="trajectory_close"),
        Check("a quadratic: gradients computed from the current parameter", [
            _quadratic("adam", *quadratic((8,)), 150, {"lr": 0.05}),
            _quadratic("adamw", *quadratic((8,)), 150, {"lr": 0.05, "weight_decay": 0.1}),
            _quadratic("adam", *quadratic((2, 3)), 100, {"lr": 0.05, "weight_decay": 0.05},
                       noise=normal(100, 2, 3, scale=0.5)),
        ], compare="trajectory_close"),
        Check("tiny gradients (~1e-8): eps is added to sqrt(v_hat), outside the root", [
            _given("adam", normal(4), grads(20, (4,), scale=1e-8), {"lr": 1e-2}),
            _given("adamw", normal(2, 3), grads(20, (2, 3), scale=1e-8), {"lr": 1e-2, "weight_decay": 0.1}),
        ], compare="trajectory_close"),
        Check("resuming a run: t starts at 51, m and v carried over", [
            _given("adam", normal(5), grads(10, (5,)), lr2, t0=51, **resumed_state((5,))),
            _given("adamw", normal(2, 2), grads(10, (2, 2)), {"lr": 1e-2, "weight_decay": 0.1}, t0=51,
                   **resumed_state((2, 2))),
        ], compare="trajectory_close"),
        Check("custom betas and eps", [
            _given("adam", normal(5), grads(30, (5,), scale=0.1),
                   {"lr": 0.05, "beta1": 0.5, "beta2": 0.9, "eps": 1e-3}),
            _given("adamw", normal(4), grads(30, (4,)),
                   {"lr": 0.02, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6, "weight_decay": 0.2}),
        ], compare="trajectory_close"),
        Check("default hyperparameters (lr=1e-3, betas 0.9 / 0.999, eps=1e-8; AdamW decay 1e-2)", [
            _given("adam", normal(4, 2), grads(20, (4, 2)), {}),
            _given("adamw", normal(4, 2), grads(20, (4, 2)), {}),
        ], compare="trajectory_close"),
        Check("float32 parameters and state", [
            _given("adam", normal(3, 4, dtype=np.float32), grads(50, (3, 4), dtype=np.float32), lr2),
            _given("adamw", normal(3, 4, dtype=np.float32), grads(50, (3, 4), dtype=np.float32),
                   {"lr": 1e-2, "weight_decay": 0.1}),
            _quadratic("adam", *quadratic((6,), np.float32), 80, {"lr": 0.05, "weight_decay": 0.05}),
        ], compare="trajectory_close"),
        Check("coordinates that never get a gradient", [
            _given("adam", normal(3, 4), zero_cols, lr2, note=" (column 1 of every grad is 0)"),
            _given("adamw", normal(3, 4), zero_cols_w, {"lr": 1e-2, "weight_decay": 0.1},
                   note=" (row 0 of every grad is 0)"),
        ], compare="trajectory_close"),
        Check("a scalar (0-d) and a one-element parameter", [
            _given("adam", normal(), grads(15, ()), lr2),
            _given("adamw", normal(1), grads(15, (1,)), {"lr": 1e-2, "weight_decay": 0.1}),
        ], compare="trajectory_close"),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    # large enough (~1 ms a step vectorised) that the driver's per-step copies do not dominate the
    # timing; a Python loop over the 65536 entries takes ~1 s, far beyond 10x yet inside the time limit
    param = rng.standard_normal((256, 256))
    args = {"kind": "adamw", "param": param, "hyper": {"lr": 1e-3, "weight_decay": 1e-2},
            "grads": rng.standard_normal((3, 256, 256))}
    return Efficiency(Case("run", args, "adamw_step, param (256, 256), 3 steps"), repeats=5)
