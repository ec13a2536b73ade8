import math
from statistics import NormalDist

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


def mean_and_ci(x, confidence=0.95):
    n = x.shape[0]
    m = x.mean()
    half = NormalDist().inv_cdf(0.5 + confidence / 2) * x.std(ddof=1) / np.sqrt(n)
    return float(m), float(m - half), float(m + half)


def welch_t_test(a, b):
    sa2, sb2 = a.var(ddof=1), b.var(ddof=1)
    na, nb = len(a), len(b)
    se2 = sa2 / na + sb2 / nb
    t = (a.mean() - b.mean()) / np.sqrt(se2)
    df = se2**2 / ((sa2 / na) ** 2 / (na - 1) + (sb2 / nb) ** 2 / (nb - 1))
    p = 2 * NormalDist().cdf(-abs(t))
    return float(t), float(df), float(p)


def bootstrap_diff_ci(a, b, rng, n_boot=10_000, confidence=0.95):
    diffs = np.empty(n_boot)
    for i in range(n_boot):
        sa = a[rng.integers(0, len(a), len(a))]
        sb = b[rng.integers(0, len(b), len(b))]
        diffs[i] = sb.mean() - sa.mean()
    diffs.sort()
    lo_i = int(np.floor((1 - confidence) / 2 * (n_boot - 1)))
    hi_i = int(np.ceil((1 + confidence) / 2 * (n_boot - 1)))
    return diffs[lo_i], diffs[hi_i]
