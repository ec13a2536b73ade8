import numpy as np


def dropout(x, p, training, rng):
    if not training:
        return x, np.full(x.shape, True)
    mask = rng.binomial(1, 1 - p, size=x.shape).astype(bool)
    y = np.where(mask, x / (1 - p), 0).astype(x.dtype)
    return y, mask
