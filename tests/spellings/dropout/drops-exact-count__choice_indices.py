import numpy as np


def dropout(x, p, training, rng):
    mask = np.ones(x.size, dtype=bool)
    if not training:
        return x.copy(), mask.reshape(x.shape)
    n_drop = int(p * x.size)
    dropped = rng.choice(x.size, size=n_drop, replace=False)
    mask[dropped] = False
    mask = mask.reshape(x.shape)
    return x * mask / (1 - p), mask
