import math

import numpy as np


def reg_inc_beta(x, a, b):
    """I_x(a, b) by the hypergeometric series, using symmetry where it converges slowly."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    if x > (a + 1) / (a + b + 2):
        return 1.0 - reg_inc_beta(1 - x, b, a)
    log_beta = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    log_front = a * math.log(x) + b * math.log1p(-x) - math.log(a) - log_beta
    total, term, n = 1.0, 1.0, 0
    while True:
        term *= (a + b + n) / (a + 1 + n) * x
        total += term
        n += 1
        if term < 1e-17 * total or n > 100000:
            break
    return math.exp(log_front) * total


def student_sf(t, nu):
    """P(T > t)."""
    p = 0.5 * reg_inc_beta(nu / (nu + t**2), nu / 2, 0.5)
    return p if t >= 0 else 1 - p


def student_ppf(p, nu):
    lo, hi = 0.0, 10.0
    while 1 - student_sf(hi, nu) < p:
        hi *= 10
    while hi - lo > 1e-13 * max(1.0, hi):
        mid = (lo + hi) / 2
        if 1 - student_sf(mid, nu) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _mean_var(x):
    n = len(x)
    m = math.fsum(x) / n
    return m, math.fsum((v - m) ** 2 for v in x) / (n - 1)


def mean_and_ci(x, confidence=0.95):
    m, var = _mean_var(x)
    se = math.sqrt(var / len(x))
    tcrit = student_ppf((1 + confidence) / 2, len(x) - 1)
    return m, m - tcrit * se, m + tcrit * se


def welch_t_test(a, b):
    ma, va = _mean_var(a)
    mb, vb = _mean_var(b)
    ea, eb = va / len(a), vb / len(b)
    t = (ma - mb) / math.sqrt(ea + eb)
    df = (ea + eb) ** 2 / (ea**2 / (len(a) - 1) + eb**2 / (len(b) - 1))
    return t, df, student_sf(t, df)


def bootstrap_diff_ci(a, b, rng, n_boot=10_000, confidence=0.95):
    ra = rng.choice(a, size=(n_boot, len(a)), replace=True)
    rb = rng.choice(b, size=(n_boot, len(b)), replace=True)
    d = rb.mean(axis=1) - ra.mean(axis=1)
    alpha = 1 - confidence
    return float(np.percentile(d, 100 * alpha / 2)), float(np.percentile(d, 100 * (1 - alpha / 2)))
