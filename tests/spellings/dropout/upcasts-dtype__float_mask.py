import numpy as np


def dropout(x, p, training, rng):
    if training:
        mask = (rng.random(x.shape) > p).astype(float)
        return mask * x / (1.0 - p), mask.astype(bool)
    return x.copy(), np.ones(x.shape, dtype=bool)
