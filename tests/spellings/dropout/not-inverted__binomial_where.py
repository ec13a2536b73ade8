import numpy as np


def dropout(x, p, training, rng):
    mask = np.ones_like(x, dtype=bool)
    if training:
        mask = rng.binomial(1, 1 - p, x.shape) == 1
    y = np.where(mask, x, np.zeros_like(x))
    return y, mask
