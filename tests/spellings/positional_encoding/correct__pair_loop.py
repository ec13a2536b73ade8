import numpy as np


def sinusoidal_positions(L, d, base=10000.0):
    p = np.arange(L, dtype=float)
    out = np.empty((L, d))
    for col in range(0, d, 2):
        freq = 1.0 / (base ** (col / d))
        out[:, col] = np.sin(p * freq)
        if col + 1 < d:
            out[:, col + 1] = np.cos(p * freq)
    return out
