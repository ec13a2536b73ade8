import numpy as np


def sinusoidal_positions(L, d, base=10000.0):
    half = d // 2
    pe = np.zeros((L, d))
    pos = np.arange(L)
    for i in range(half):
        angle = pos / base ** (2 * i / d)
        pe[:, i] = np.sin(angle)
        pe[:, half + i] = np.cos(angle)
    if d % 2:
        pe[:, d - 1] = np.sin(pos / base ** (2 * half / d))
    return pe
