import numpy as np


def mean_and_ci(x: np.ndarray, confidence: float = 0.95) -> tuple[float, float, float]:
    """Mean of x and its two-sided Student-t confidence interval.

    x:          [n] float64, n >= 2 (one score per seed, say).
    confidence: the interval's coverage, in (0, 1).
    return:     (mean, low, high) as floats; the standard deviation uses ddof=1.
    """
    raise NotImplementedError


def welch_t_test(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """Welch's t-test for a difference of means (variances not assumed equal).

    a, b:   [na], [nb] float64, na, nb >= 2; sizes may differ.
    return: (t, df, p): t = (mean(a) - mean(b)) / se, the Welch-Satterthwaite df and the two-sided p-value.
    """
    raise NotImplementedError


def bootstrap_diff_ci(a: np.ndarray, b: np.ndarray, rng: np.random.Generator, n_boot: int = 10_000,
                      confidence: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of mean(b) - mean(a).

    a, b:   [na], [nb] float64; each group is resampled with replacement on its own.
    rng:    the only source of randomness: the same seed gives the same interval.
    return: (low, high) as floats.
    """
    raise NotImplementedError
