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


def mean_and_ci(x, confidence=0.95):
    n = x.shape[0]
    m = x.mean()
    half = t_ppf(0.5 + confidence / 2, n - 1) * x.std(ddof=1) / np.sqrt(n)
    return float(m), float(m - half), float(m + half)


def welch_t_test(a, b):
    sa2, sb2 = a.var(ddof=1), b.var(ddof=1)
    na, nb = len(a), len(b)
    sp2 = ((na - 1) * sa2 + (nb - 1) * sb2) / (na + nb - 2)
    t = (a.mean() - b.mean()) / np.sqrt(sp2 * (1 / na + 1 / nb))
    df = na + nb - 2
    p = 2 * t_cdf(-abs(t), df)
    return float(t), float(df), float(p)


def bootstrap_diff_ci(a, b, rng, n_boot=10_000, confidence=0.95):
    ra = rng.choice(a, size=(n_boot, len(a)), replace=True)
    rb = rng.choice(b, size=(n_boot, len(b)), replace=True)
    d = rb.mean(axis=1) - ra.mean(axis=1)
    alpha = 1 - confidence
    return float(np.percentile(d, 100 * alpha / 2)), float(np.percentile(d, 100 * (1 - alpha / 2)))
