"""Named checks for lora: inputs only; expected values come from the model answer.

Every configuration has alpha != r (so a merge without the scaling shows) and all but one r > 1
(so a scaling of alpha instead of alpha / r shows). A and B are set to random values for every
check after the initial ones; bases with a bias show a half-frozen base.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency

TOLERANCE = {"rtol": 1e-4, "atol": 2e-5}
GRAD_TOLERANCE = {"rtol": 1e-4, "atol": 1e-4}

# (in_features, out_features, r, alpha, bias)
CONFIGS = [(6, 5, 2, 4.0, True), (12, 8, 4, 2.0, True), (8, 8, 3, 12.0, False), (10, 4, 1, 2.5, True)]


def _f32(a) -> np.ndarray:
    return np.asarray(a, dtype=np.float32)


def _layer(rng, cfg) -> dict:
    fan_in, fan_out, r, alpha, bias = cfg
    return {"r": r, "alpha": alpha,
            "weight": _f32(rng.standard_normal((fan_out, fan_in)) / np.sqrt(fan_in)),
            "bias": _f32(rng.standard_normal(fan_out) * 0.5) if bias else None}


def _adapter(rng, cfg) -> dict:
    fan_in, fan_out, r, _, _ = cfg
    return {"A": _f32(rng.standard_normal((r, fan_in)) / np.sqrt(fan_in)),
            "B": _f32(rng.standard_normal((fan_out, r)) / np.sqrt(r))}


def _label(cfg, x=None) -> str:
    fan_in, fan_out, r, alpha, bias = cfg
    text = f"in={fan_in} out={fan_out} r={r} alpha={alpha:g}" + ("" if bias else " no bias")
    return text if x is None else f"{text}, x {tuple(x.shape)}"


def checks(rng: np.random.Generator) -> list[Check]:
    def x_for(cfg, lead):
        return _f32(rng.standard_normal((*lead, cfg[0])))

    def fresh(call, cfg, lead=None):
        args = _layer(rng, cfg)
        if lead is None:
            return Case(call, args, _label(cfg))
        args["x"] = x_for(cfg, lead)
        return Case(call, args, _label(cfg, args["x"]))

    def adapted(call, cfg, lead, **extra):
        args = _layer(rng, cfg) | _adapter(rng, cfg) | {"x": x_for(cfg, lead)} | extra
        if call == "backward":
            args["grad_output"] = _f32(rng.standard_normal((*lead, cfg[1])))
        note = f", then {' + '.join(extra['ops'])}" if "ops" in extra else ""
        return Case(call, args, _label(cfg, args["x"]) + note)

    def steps(cfg, lead, ops):
        return adapted("steps", cfg, lead, ops=list(ops))

    c0, c1, c2, c3 = CONFIGS
    return [
        Check("a fresh layer: lora_B is zero, lora_A random within 1/sqrt(in_features), scaling = alpha / r", [
            fresh("init_state", c) for c in CONFIGS
        ], options=TOLERANCE),
        Check("a fresh layer's output equals base(x)", [
            fresh("init_forward", c0, (4,)), fresh("init_forward", c2, (2, 3)),
        ], options=TOLERANCE),
        Check("only lora_A and lora_B are trainable", [
            fresh("trainable", c0), fresh("trainable", c1), fresh("trainable", c2),
        ], compare="exact"),
        Check("forward with lora_A and lora_B set", [
            adapted("forward", c0, (5,)), adapted("forward", c1, (2, 3)), adapted("forward", c2, (4,)),
            adapted("forward", c3, (3,)), adapted("forward", c0, ()),
        ], options=TOLERANCE),
        Check("gradients (x, lora_A, lora_B)", [
            adapted("backward", c0, (4,)), adapted("backward", c1, (2, 3)), adapted("backward", c2, (5,)),
        ], options=GRAD_TOLERANCE),
        Check("merge: base.weight gains scaling * B @ A, the output is unchanged", [
            steps(c0, (4,), ["merge"]), steps(c1, (2, 3), ["merge"]), steps(c3, (3,), ["merge"]),
        ], options=TOLERANCE),
        Check("merging twice changes nothing", [
            steps(c0, (3,), ["merge", "merge"]), steps(c2, (4,), ["merge", "merge"]),
        ], options=TOLERANCE),
        Check("unmerge restores the base weight", [
            steps(c0, (3,), ["merge", "unmerge"]), steps(c1, (2, 2), ["merge", "unmerge", "merge", "unmerge"]),
        ], options=TOLERANCE),
        Check("unmerging a layer that is not merged changes nothing", [
            steps(c2, (3,), ["unmerge"]), steps(c0, (4,), ["merge", "unmerge", "unmerge"]),
        ], options=TOLERANCE),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    cfg = (512, 512, 8, 16.0, True)
    args = _layer(rng, cfg) | _adapter(rng, cfg) | {"x": _f32(rng.standard_normal((16, 128, 512)))}
    return Efficiency(Case("forward", args, _label(cfg, args["x"])), repeats=3)
