import numpy as np


def dropout(x, p, training, rng):
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    mask = np.random.rand(*x.shape) > p
    return x * mask / (1 - p), mask
