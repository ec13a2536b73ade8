import math

import numpy as np


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        for aa in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                   -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + aa * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + aa / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 1e-16:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    """Regularised incomplete beta I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def _t_sf(t: float, df: float) -> float:
    """P(T > t) for Student's t with df degrees of freedom, t >= 0."""
    return 0.5 * _betainc(df / 2, 0.5, df / (df + t * t))


def _t_cdf(t: float, df: float) -> float:
    return 1.0 - _t_sf(t, df) if t >= 0 else _t_sf(-t, df)


def _quantile(cdf, q: float) -> float:
    """The x > 0 with cdf(x) = q (q > 0.5), by bisection."""
    lo, hi = 0.0, 1.0
    while cdf(hi) < q:
        lo, hi = hi, 2 * hi
    for _ in range(200):
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        lo, hi = (mid, hi) if cdf(mid) < q else (lo, mid)
    return (lo + hi) / 2


def mean_and_ci(x: np.ndarray, confidence: float = 0.95) -> tuple[float, float, float]:
    """Sample mean and its two-sided Student-t confidence interval."""
    n = len(x)
    mean = float(np.mean(x))
    se = float(np.std(x, ddof=1)) / math.sqrt(n)  # standard error of the mean
    crit = _quantile(lambda v: _t_cdf(v, n - 1), 0.5 + confidence / 2)
    return mean, mean - crit * se, mean + crit * se


def welch_t_test(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """Welch's unequal-variance t-test: (t, degrees of freedom, two-sided p)."""
    na, nb = len(a), len(b)
    va = float(np.var(a, ddof=1)) / na  # squared standard error of mean(a)
    vb = float(np.var(b, ddof=1)) / nb
    se = math.sqrt(va + vb)
    t = (float(np.mean(a)) - float(np.mean(b))) / se
    df = (va + vb) ** 2 / (va**2 / (na - 1) + vb**2 / (nb - 1))  # Welch-Satterthwaite
    p = 2 * _t_sf(abs(t), df)
    return t, df, p


def bootstrap_diff_ci(a: np.ndarray, b: np.ndarray, rng: np.random.Generator, n_boot: int = 10_000,
                      confidence: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of mean(b) - mean(a); each group resampled on its own."""
    ia = rng.integers(0, len(a), size=(n_boot, len(a)))  # [n_boot, na]
    ib = rng.integers(0, len(b), size=(n_boot, len(b)))  # [n_boot, nb]
    diffs = b[ib].mean(axis=1) - a[ia].mean(axis=1)  # [n_boot]
    tail = (1 - confidence) / 2
    low, high = np.quantile(diffs, [tail, 1 - tail])
    return float(low), float(high)
