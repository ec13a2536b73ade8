import numpy as np


def dropout(x, p, training, rng):
    y = np.array(x, copy=True)
    mask = np.ones(x.shape, dtype=bool)
    if not training or p == 0:
        return y, mask
    rows_y = y.reshape(y.shape[0], -1)
    rows_m = mask.reshape(mask.shape[0], -1)
    for i in range(rows_y.shape[0]):  # one row at a time
        drop = rng.random(rows_y.shape[1]) < p
        rows_m[i] = ~drop
        rows_y[i][drop] = 0
        rows_y[i][~drop] /= 1 - p
    return y, mask
