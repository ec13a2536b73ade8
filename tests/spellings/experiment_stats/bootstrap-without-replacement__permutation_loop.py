import math

import numpy as np


def _incbeta_cf(a, b, x):
    eps, fpmin = 1e-15, 1e-300
    c = 1.0
    d = 1.0 - (a + b) * x / (a + 1.0)
    if abs(d) < fpmin:
        d = fpmin
    d = 1.0 / d
    f = d
    for m in range(1, 1000):
        num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
        d = 1.0 + num * d
        d = fpmin if abs(d) < fpmin else d
        c = 1.0 + num / c
        c = fpmin if abs(c) < fpmin else c
        d = 1.0 / d
        f *= c * d
        num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
        d = 1.0 + num * d
        d = fpmin if abs(d) < fpmin else d
        c = 1.0 + num / c
        c = fpmin if abs(c) < fpmin else c
        d = 1.0 / d
        step = c * d
        f *= step
        if abs(step - 1.0) < eps:
            break
    return f


def incbeta(a, b, x):
    if x == 0.0 or x == 1.0:
        return x
    lbeta = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    front = math.exp(a * math.log(x) + b * math.log(1 - x) - lbeta)
    if x < (a + 1) / (a + b + 2):
        return front * _incbeta_cf(a, b, x) / a
    return 1.0 - front * _incbeta_cf(b, a, 1 - x) / b


def t_cdf(t, df):
    tail = 0.5 * incbeta(df / 2, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


def t_ppf(q, df):
    lo, hi = -1e6, 1e6
    for _ in range(300):
        mid = 0.5 * (lo + hi)
        if t_cdf(mid, df) < q:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def _mean_var(x):
    n = len(x)
    m = math.fsum(x) / n
    return m, math.fsum((v - m) ** 2 for v in x) / (n - 1)


def mean_and_ci(x, confidence=0.95):
    m, var = _mean_var(x)
    se = math.sqrt(var / len(x))
    tcrit = t_ppf((1 + confidence) / 2, len(x) - 1)
    return m, m - tcrit * se, m + tcrit * se


def welch_t_test(a, b):
    ma, va = _mean_var(a)
    mb, vb = _mean_var(b)
    ea, eb = va / len(a), vb / len(b)
    t = (ma - mb) / math.sqrt(ea + eb)
    df = (ea + eb) ** 2 / (ea**2 / (len(a) - 1) + eb**2 / (len(b) - 1))
    return t, df, 2 * (1 - t_cdf(abs(t), df))


def bootstrap_diff_ci(a, b, rng, n_boot=10_000, confidence=0.95):
    diffs = np.empty(n_boot)
    for k in range(n_boot):
        diffs[k] = rng.permutation(b).mean() - rng.permutation(a).mean()
    alpha = (1 - confidence) / 2
    return float(np.quantile(diffs, alpha)), float(np.quantile(diffs, 1 - alpha))
