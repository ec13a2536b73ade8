"""Named checks for dropout: inputs only; expected values come from the model answer.

Dropout is random, and two correct implementations given the same seed may draw different masks,
so no draw is compared. The driver summarises each call by what the contract fixes, and the
comparators here judge those summaries:

- rates (the share of units kept, the share of y that is zero): within Z standard errors of the
  answer's (both are estimates on 1e5 units: a standard error of at most 0.0016, so the tolerance
  is at most ~0.016, while every wrong rule checked is off by 0.2 or more);
- the factor the kept units are scaled by: one constant, within 1e-5 relative (float32 passes);
- y consistent with the mask (y is zero exactly where the mask is False), y finite;
- the number kept per call, over many calls on a small x: mean and variance within Z standard errors
  (independent units give a Binomial count; dropping exactly round(p * n) units gives variance 0);
- reproducibility: the same seed gives the same (y, mask), another seed another mask.

x never holds a zero (|x| >= 0.5), so a zero in y always means a dropped unit. With Z = 7 a correct
answer fails a rate by chance with probability below 1e-11 per comparison.
"""

import math

import numpy as np

from mlkata.kit import Case, Check, Mismatch, describe

Z = 7.0  # standard errors allowed on every estimated rate
SLACK = 5e-5  # and 5 units in 1e5 on top: float32 draws compared with > can drop a unit at p = 0 (2^-24 each)
SCALE_RTOL = 1e-5


def _x(rng: np.random.Generator, shape: tuple[int, ...], dtype=np.float64) -> np.ndarray:
    """Values of size 0.5 to 2 with random signs: never 0, so a zero in y is a dropped unit."""
    return (rng.uniform(0.5, 2.0, size=shape) * rng.choice([-1.0, 1.0], size=shape)).astype(dtype)


def _case(call: str, x: np.ndarray, p: float, note: str = "", **extra) -> Case:
    shape = "x".join(str(n) for n in x.shape)
    shown = "".join(f", {k}={v}" for k, v in extra.items() if k != "seed")
    return Case(call, {"x": x, "p": p, **extra}, f"x {x.dtype} [{shape}], p={p}{shown}{note}")


def _stats(x, p, training: bool, seed: int, note: str = "") -> Case:
    return _case("stats", x, p, note, training=training, seed=seed)


def checks(rng: np.random.Generator) -> list[Check]:
    big = _x(rng, (200, 500))
    cube = _x(rng, (40, 50, 50))
    flat32 = _x(rng, (100_000,), np.float32)
    small = _x(rng, (10,))
    tiny = _x(rng, (6,), np.float32)
    medium = _x(rng, (64, 32))
    square32 = _x(rng, (8, 8), np.float32)  # 64 units: two seeds draw the same mask with probability < 1e-15

    return [
        Check("training: units dropped with probability p, the kept ones scaled by 1 / (1 - p)", [
            _stats(big, 0.3, True, 11), _stats(cube, 0.8, True, 12), _stats(flat32, 0.1, True, 13),
            _stats(big, 0.5, True, 14, " (p = 0.5: keeping and dropping are equally likely)"),
        ], compare="same_statistics"),
        Check("training with p = 0: nothing is dropped, y equals x", [
            _stats(big, 0.0, True, 21), _stats(flat32, 0.0, True, 22),
        ], compare="same_statistics"),
        Check("evaluation (training=False): y equals x, the mask is all True", [
            _stats(big, 0.3, False, 31), _stats(flat32, 0.6, False, 32), _stats(cube, 0.9, False, 33),
        ], compare="same_statistics"),
        Check("each unit is kept independently: the count kept varies from call to call", [
            _case("per_call", small, 0.3, " (4000 calls, one generator)", seed=41, calls=4000),
            _case("per_call", tiny, 0.6, " (4000 calls, one generator)", seed=42, calls=4000),
        ], compare="same_counts"),
        Check("reproducible: the same seed gives the same output, another seed another mask", [
            _case("reproducible", medium, 0.4, " (seeds 51, 51 and 52)", seed=51),
            _case("reproducible", square32, 0.5, " (seeds 53, 53 and 54)", seed=53),
        ], compare="exact"),
        Check("y has x's dtype", [
            _case("output", medium.astype(np.float32), 0.3, training=True, seed=61),
            _case("output", medium.astype(np.float32), 0.3, training=False, seed=62),
            _case("output", medium, 0.7, training=True, seed=63),
        ], compare="same_dtype"),
        Check("the caller's x is left unmodified", [
            _case("input_unchanged", medium, 0.4, training=True, seed=71),
            _case("input_unchanged", medium.astype(np.float32), 0.2, training=True, seed=72),
        ], compare="exact"),
    ]


# -- comparators ---------------------------------------------------------------------------------

def _close(g: float, g_se: float, e: float, e_se: float) -> bool:
    """Two estimates agree within Z standard errors of their difference (exactly, when both are exact)."""
    return abs(g - e) <= Z * math.hypot(g_se, e_se) + SLACK


def _pct(r: float) -> str:
    return f"{100 * r:.1f}%"


def same_statistics(got, expected, path: str = "output", **_) -> Mismatch | None:
    """One dropout call's summary (driver.stats) against the answer's: finite, y consistent with the
    mask, the scale of the kept units, the rates of kept and zeroed units."""
    if not isinstance(got, dict) or set(got) != set(expected):
        return Mismatch("structure", f"{path}: expected the driver's summary, got {describe(got)}")
    p, mode = expected["p"], "training" if expected["training"] else "evaluation"
    if got["finite"] != expected["finite"]:
        return Mismatch("nan" if not got["finite"] else "value",
                        f"y holds NaN or inf in {mode} with p = {p}" if not got["finite"]
                        else f"y is finite, expected NaN or inf in {mode} with p = {p}")
    if not _close(got["keep_rate"], got["keep_rate_se"], expected["keep_rate"], expected["keep_rate_se"]):
        return Mismatch("value", f"the mask keeps {_pct(got['keep_rate'])} of the {got['units']} units in {mode} "
                                 f"with p = {p}; expected {_pct(expected['keep_rate'])} (p is the probability "
                                 "of dropping a unit; the mask is True where a unit is kept)")
    if got["consistent"] != expected["consistent"]:
        return Mismatch("value", f"in {mode} with p = {p}, y is " + (
            "not zero exactly where the mask is False: y and the mask you return disagree" if expected["consistent"]
            else "zero exactly where the mask is False, which the answer's is not"))
    if not _close(got["zero_rate"], got["zero_rate_se"], expected["zero_rate"], expected["zero_rate_se"]):
        return Mismatch("value", f"{_pct(got['zero_rate'])} of y is zero in {mode} with p = {p}; "
                                 f"expected {_pct(expected['zero_rate'])}")
    g, e = got["scale"], expected["scale"]
    if (g is None) != (e is None) or (g is not None and abs(g - e) > SCALE_RTOL * abs(e)):
        if g is None:
            what = ("no unit is kept" if got["scale_spread"] is None
                    else "y / x on the kept units ranges from {:.6g} to {:.6g}".format(*got["scale_spread"]))
            return Mismatch("value", f"in {mode} with p = {p} the kept units are not all scaled by one factor "
                                     f"({what}); expected {e:.6g}")
        shown = "one factor" if e is None else f"{e:.6g}"
        return Mismatch("value", f"in {mode} with p = {p} the kept units are scaled by {g:.6g} (y / x); "
                                 f"expected {shown}")
    return None


def same_counts(got, expected, path: str = "output", **_) -> Mismatch | None:
    """The number of units kept per call (driver.per_call): mean and variance across calls."""
    if not isinstance(got, dict) or set(got) != set(expected):
        return Mismatch("structure", f"{path}: expected the driver's summary, got {describe(got)}")
    where = f"over {got['calls']} calls on {got['units']} units with p = {got['p']}"
    if not _close(got["mean_kept"], got["mean_kept_se"], expected["mean_kept"], expected["mean_kept_se"]):
        return Mismatch("value", f"{where}, {got['mean_kept']:.3f} units are kept per call on average; "
                                 f"expected {expected['mean_kept']:.3f}")
    if not _close(got["var_kept"], got["var_kept_se"], expected["var_kept"], expected["var_kept_se"]):
        return Mismatch("value", f"{where}, the number kept per call has variance {got['var_kept']:.3f}; "
                                 f"expected {expected['var_kept']:.3f}, as for units kept independently "
                                 "(a Binomial count), not a fixed number of them")
    return None
