"""Calls the implementation's dropout. Runs in the sandbox; holds no answers.

Random generators cannot cross into the sandbox, so cases carry integer seeds and the generators
are built here. Two correct implementations given the same seed may draw different masks (rng.random
against 1 - p, rng.binomial, rng.uniform, ...), so the draws are never compared: each call is
summarised by what the contract fixes (how many units are kept and zeroed, the factor the kept
units are scaled by, whether y agrees with the mask), with standard errors for the random parts.
"""

import numpy as np


def _call(impl, x, p, training, rng) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x as it was, y, mask as bool) from one call, or a TypeError that says what broke the contract."""
    x0 = x.copy()
    out = impl.dropout(x, p, training, rng)
    if not isinstance(out, tuple | list) or len(out) != 2:
        raise TypeError(f"dropout should return a tuple (y, mask), got {type(out).__name__}"
                        + (f" of length {len(out)}" if isinstance(out, tuple | list) else ""))
    y, mask = out
    for name, value in (("y", y), ("mask", mask)):
        if not isinstance(value, np.ndarray) or value.shape != x0.shape:
            what = f"shape {value.shape}" if isinstance(value, np.ndarray) else type(value).__name__
            raise TypeError(f"{name} should be an array of x's shape {x0.shape}, got {what}")
    if mask.dtype != bool and not np.isin(mask, (0, 1)).all():
        raise TypeError(f"mask should be bool (True where a unit is kept), got {mask.dtype} values other than 0 and 1")
    return x0, y, mask.astype(bool)


def _rate(hits: np.ndarray) -> tuple[float, float]:
    """The share of True entries and its standard error."""
    r = float(hits.mean())
    return r, float(np.sqrt(r * (1.0 - r) / hits.size))


def _summary(x0, y, mask, p, training) -> dict:
    y64, x64 = y.astype(np.float64), x0.astype(np.float64)
    nonzero = y64 != 0
    keep_rate, keep_se = _rate(mask)
    zero_rate, zero_se = _rate(~nonzero)
    finite = bool(np.isfinite(y64).all())
    ratios = y64[nonzero & np.isfinite(y64)] / x64[nonzero & np.isfinite(y64)]  # x has no zeros
    scale, spread = None, None
    if ratios.size:
        lo, hi = float(ratios.min()), float(ratios.max())
        if hi - lo <= 1e-5 * max(abs(lo), abs(hi)):
            scale = float(np.median(ratios))
        else:
            spread = [lo, hi]
    return {"p": p, "training": training, "units": int(x0.size), "finite": finite,
            "consistent": bool(np.array_equal(nonzero, mask)),
            "keep_rate": keep_rate, "keep_rate_se": keep_se, "zero_rate": zero_rate, "zero_rate_se": zero_se,
            "scale": scale, "scale_spread": spread}


def stats(impl, x, p, training, seed):
    """One call with np.random.default_rng(seed), summarised."""
    x0, y, mask = _call(impl, x, p, training, np.random.default_rng(seed))
    return _summary(x0, y, mask, p, training)


def per_call(impl, x, p, seed, calls):
    """`calls` training calls on one small x with one generator: the number of units kept per call.

    Kept independently, that count is Binomial(x.size, 1 - p): its variance across calls is
    x.size * p * (1 - p), not 0."""
    rng = np.random.default_rng(seed)
    counts = np.array([_call(impl, x, p, True, rng)[2].sum() for _ in range(calls)], dtype=np.float64)
    centred = counts - counts.mean()
    var = float(np.mean(centred ** 2))
    var_se = float(np.sqrt(max(np.mean(centred ** 4) - var ** 2, 0.0) / calls))
    return {"p": p, "units": int(x.size), "calls": calls,
            "mean_kept": float(counts.mean()), "mean_kept_se": float(np.sqrt(var / calls)),
            "var_kept": var, "var_kept_se": var_se}


def reproducible(impl, x, p, seed):
    """Two calls with generators made from the same seed, and one from another seed."""
    runs = [_call(impl, x, p, True, np.random.default_rng(s))[1:] for s in (seed, seed, seed + 1)]
    same = all(np.array_equal(a, b, equal_nan=True) for a, b in zip(runs[0], runs[1], strict=True))
    return {"same_seed_same_result": bool(same),
            "other_seed_other_mask": bool(not np.array_equal(runs[0][1], runs[2][1]))}


def output(impl, x, p, training, seed):
    """y itself (for its dtype)."""
    return _call(impl, x, p, training, np.random.default_rng(seed))[1]


def input_unchanged(impl, x, p, training, seed):
    """Whether the caller's x is left as it was."""
    x0, _, _ = _call(impl, x, p, training, np.random.default_rng(seed))
    return {"unchanged": bool(np.array_equal(x, x0))}
