import numpy as np


def sinusoidal_positions(L, d, base=10000.0):
    pe = np.zeros((L, d))
    positions = np.arange(L)
    for i in range((d + 1) // 2):
        w = 1.0 / base ** (i / d)
        pe[:, 2 * i] = np.sin(positions * w)
        if 2 * i + 1 < d:
            pe[:, 2 * i + 1] = np.cos(positions * w)
    return pe
