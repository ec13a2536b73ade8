import numpy as np


def dropout(x, p, training, rng):
    if training:
        keep = rng.random(x.shape) >= p
        return x * keep / (1 - p), keep
    # test time: scale by the keep probability
    return x * (1 - p), np.ones(x.shape, dtype=bool)
