import numpy as np


def dropout(x, p, training, rng):
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    drop = rng.random(x.shape) < p
    y = np.where(drop, 0, x / (1 - p)).astype(x.dtype)
    return y, drop
