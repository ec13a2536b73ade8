import numpy as np


def dropout(x, p, training, rng):
    scale = 1.0 / (1.0 - p)
    if training:
        mask = rng.uniform(size=x.shape) > p
    else:
        mask = np.ones(x.shape, dtype=bool)
    y = x * mask * scale
    return y, mask
