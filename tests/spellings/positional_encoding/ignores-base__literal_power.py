import numpy as np


def sinusoidal_positions(L, d, base=10000.0):
    out = np.zeros((L, d))
    for j in range(d):
        freq = 1 / 10000 ** ((j // 2) * 2 / d)
        col = np.arange(L) * freq
        out[:, j] = np.sin(col) if j % 2 == 0 else np.cos(col)
    return out
