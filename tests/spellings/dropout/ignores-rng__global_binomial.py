import numpy as np


def dropout(x, p, training, rng):
    if training:
        keep = np.random.binomial(1, 1 - p, size=x.shape).astype(bool)
        y = np.where(keep, x / (1 - p), 0).astype(x.dtype)
        return y, keep
    return x.copy(), np.ones(x.shape, dtype=bool)
