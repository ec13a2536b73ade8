import numpy as np


def dropout(x, p, training, rng):
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    keep = rng.binomial(1, 1 - p, size=x.shape)
    y = x * keep / (1 - p)
    return y, keep.astype(bool)
