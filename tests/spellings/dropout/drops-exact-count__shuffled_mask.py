import numpy as np


def dropout(x, p, training, rng):
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    n = x.size
    n_keep = n - int(round(n * p))
    flat = np.array([True] * n_keep + [False] * (n - n_keep))
    rng.shuffle(flat)
    mask = flat.reshape(x.shape)
    return np.where(mask, x / (1 - p), 0).astype(x.dtype), mask
