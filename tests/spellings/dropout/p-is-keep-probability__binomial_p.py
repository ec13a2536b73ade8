import numpy as np


def dropout(x, p, training, rng):
    if training:
        m = rng.binomial(1, p, size=x.shape).astype(bool)
        return np.where(m, x / (1 - p), 0.0).astype(x.dtype), m
    return x.copy(), np.ones_like(x, dtype=bool)
