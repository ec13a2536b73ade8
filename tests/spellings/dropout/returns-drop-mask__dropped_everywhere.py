import numpy as np


def dropout(x, p, training, rng):
    dropped = np.zeros(x.shape, dtype=bool)
    y = x.copy()
    if training:
        dropped = rng.uniform(size=x.shape) < p
        y[dropped] = 0
        y[~dropped] /= 1 - p
    return y, dropped
