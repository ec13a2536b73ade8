import numpy as np


def sinusoidal_positions(L, d, base=10000.0):
    """The [L, d] sinusoidal position table: sin in even columns, cos in odd ones, float64."""
    pos = np.arange(L, dtype=np.float64)[:, None]  # [L, 1]
    two_i = np.arange(0, d, 2, dtype=np.float64)   # [ceil(d / 2)]: 2i, the even column of pair i
    angles = pos / base ** (two_i / d)             # [L, ceil(d / 2)]
    pe = np.zeros((L, d))
    pe[:, 0::2] = np.sin(angles)                   # columns 0, 2, 4, ...
    pe[:, 1::2] = np.cos(angles[:, : d // 2])      # columns 1, 3, ...: one fewer when d is odd
    return pe
