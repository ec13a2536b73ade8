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


def mean_and_ci(x, confidence=0.95):
    n = x.shape[0]
    m = x.mean()
    half = student_ppf(0.5 + confidence / 2, n - 1) * x.std(ddof=1) / np.sqrt(n)
    return float(m), float(m - half), float(m + half)


def welch_t_test(a, b):
    sa2, sb2 = a.var(ddof=1), b.var(ddof=1)
    na, nb = len(a), len(b)
    se2 = sa2 / na + sb2 / nb
    t = (a.mean() - b.mean()) / np.sqrt(se2)
    df = se2**2 / ((sa2 / na) ** 2 / (na - 1) + (sb2 / nb) ** 2 / (nb - 1))
    p = 2 * student_sf(abs(t), df)
    return float(t), float(df), float(p)


def bootstrap_diff_ci(a, b, rng, n_boot=10_000, confidence=0.95):
    """Resample both groups from one block of uniforms, split by group."""
    u = rng.random((n_boot, len(a) + len(b)))
    ia = (u[:, : len(a)] * len(a)).astype(np.int64)  # [n_boot, na]
    ib = (u[:, len(a):] * len(b)).astype(np.int64)   # [n_boot, nb]
    diff = np.take(b, ib).mean(1) - np.take(a, ia).mean(1)
    q = (1 - confidence) / 2
    return tuple(float(v) for v in np.quantile(diff, [q, 1 - q], method="linear"))
