"""Named checks for experiment_stats: inputs only; expected values come from the model answer.

Tolerances. The interval and the t-test are deterministic: the mean, t and df are plain arithmetic,
and the t quantile and p-value come from a hand-written incomplete beta, accurate to about 1e-12;
the checks allow rtol 1e-7 and atol 1e-9 (the contract's "p within about 1e-9"). The bootstrap is
random, and a correct answer may draw its resamples in another way than the model answer (rng.choice,
a loop over resamples): its interval is checked statistically, each end within 8% of the expected
interval's width. With n_boot = 10_000 a percentile end moves by about 1% of the width from one
draw to another; every bootstrap mistake moves it by far more (a joint resample of correlated groups
shrinks the width about fourfold, a resample without replacement to zero).
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency, Mismatch

EXACT_ENOUGH = {"rtol": 1e-7, "atol": 1e-9}


def _ci(x: np.ndarray, confidence: float | None = None) -> Case:
    label = f"x ({len(x)},)" + ("" if confidence is None else f", confidence={confidence}")
    args = {"x": x} if confidence is None else {"x": x, "confidence": confidence}
    return Case("mean_and_ci", args, label)


def _welch(a: np.ndarray, b: np.ndarray, note: str = "") -> Case:
    return Case("welch_t_test", {"a": a, "b": b}, f"a ({len(a)},), b ({len(b)},)" + note)


def _boot(a, b, seed, note="", **kwargs) -> Case:
    extra = "".join(f", {k}={v}" for k, v in kwargs.items())
    return Case("bootstrap_diff_ci", {"a": a, "b": b, "seed": seed, **kwargs},
                f"a ({len(a)},), b ({len(b)},), seed {seed}{extra}{note}")


def checks(rng: np.random.Generator) -> list[Check]:
    def scores(n, mean=0.8, std=0.02):  # e.g. an accuracy over n seeds
        return mean + std * rng.standard_normal(n)

    base = scores(20, std=0.03)
    paired = base + 0.01 + 0.003 * rng.standard_normal(20)  # b tracks a closely: the same seeds, say
    base2 = rng.standard_normal(12) * 2.0
    paired2 = base2 - 0.5 + 0.2 * rng.standard_normal(12)
    return [
        Check("mean and t interval, few seeds (n = 2 to 5)", [
            _ci(scores(2)), _ci(scores(3)), _ci(scores(5)), _ci(scores(4), confidence=0.9),
        ], options=EXACT_ENOUGH),
        Check("mean and t interval, other sizes and confidence levels", [
            _ci(scores(10), confidence=0.9), _ci(scores(30), confidence=0.99),
            _ci(rng.standard_normal(7) * 5 - 3, confidence=0.8), _ci(scores(60)),
        ], options=EXACT_ENOUGH),
        Check("Welch t-test, equal group sizes", [
            _welch(scores(5), scores(5, mean=0.82, std=0.05)),
            _welch(scores(10, std=0.01), scores(10, mean=0.79, std=0.03)),
        ], options=EXACT_ENOUGH),
        Check("Welch t-test, unequal sizes and variances", [
            _welch(scores(3, std=0.01), scores(12, mean=0.81, std=0.06)),
            _welch(scores(20, mean=0.83, std=0.05), scores(4, std=0.01)),
            _welch(scores(6), scores(9, mean=0.805, std=0.02)),
            _welch(rng.standard_normal(2), rng.standard_normal(7) * 3 + 1),
        ], options=EXACT_ENOUGH),
        Check("Welch t-test, clear and null differences (t of both signs)", [
            _welch(scores(8, mean=0.9), scores(11, mean=0.8), ", mean(a) well above mean(b)"),
            _welch(scores(8, mean=0.7), scores(5, mean=0.8, std=0.03), ", mean(a) well below mean(b)"),
            _welch(scores(15), scores(25), ", same distribution"),
        ], options=EXACT_ENOUGH),
        Check("bootstrap interval, independent groups of unequal sizes", [
            _boot(scores(12), scores(20, mean=0.82), seed=0),
            _boot(rng.standard_normal(30), rng.standard_normal(15) * 2 + 1, seed=1),
        ], compare="interval_close"),
        Check("bootstrap interval, equal-sized strongly correlated groups", [
            _boot(base, paired, seed=2, note=", b close to a + 0.01"),
            _boot(base2, paired2, seed=3, note=", b close to a - 0.5"),
        ], compare="interval_close"),
        Check("bootstrap interval, other n_boot and confidence", [
            _boot(scores(16), scores(10, mean=0.79), seed=4, n_boot=5000, confidence=0.9),
            _boot(rng.standard_normal(25), rng.standard_normal(25) + 0.3, seed=5, confidence=0.99),
        ], compare="interval_close"),
        Check("bootstrap is reproducible from its rng", [
            Case("bootstrap_reproducible", {"a": scores(9), "b": scores(14), "seed": 6},
                 "two calls with default_rng(6) give the same interval"),
        ], compare="exact"),
    ]


def interval_close(got, expected, frac: float = 0.08, path: str = "output", **_) -> Mismatch | None:
    """Both ends of a bootstrap interval within frac of the expected interval's width."""
    if not isinstance(got, dict) or set(got) != {"low", "high"}:
        return Mismatch("structure", f"{path}: expected an interval (low, high)")
    width = expected["high"] - expected["low"]
    scale = max(abs(expected["low"]), abs(expected["high"]), 1.0)
    for end in ("low", "high"):
        g, e = got[end], expected[end]
        if not np.isfinite(g):
            return Mismatch("nan", f"{path}: {end} is {g}")
        if abs(g - e) > frac * width + 1e-9 * scale:
            return Mismatch("value", (
                f"{path}: interval ({got['low']:.5g}, {got['high']:.5g}), expected about "
                f"({expected['low']:.5g}, {expected['high']:.5g}) (each end within {frac:.0%} of the width "
                f"{width:.3g}: the bootstrap's own noise is about 1%)"))
    return None


def efficiency(rng: np.random.Generator) -> Efficiency:
    # 10_000 resamples of two groups of 100: a Python loop over resamples costs ~10x here
    a, b = rng.standard_normal(100), rng.standard_normal(100) + 0.2
    return Efficiency(Case("bootstrap_diff_ci", {"a": a, "b": b, "seed": 0}, "a, b (100,), n_boot=10_000"),
                      repeats=3)
