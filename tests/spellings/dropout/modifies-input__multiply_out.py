import numpy as np


def dropout(x, p, training, rng):
    keep = np.ones(x.shape, dtype=bool)
    if training:
        keep = rng.random(x.shape) >= p
        np.multiply(x, keep / (1.0 - p), out=x, casting="unsafe")
    return x, keep
