import numpy as np


def sinusoidal_positions(L, d, base=10000.0):
    angle = np.arange(L)[:, None] / np.power(base, np.arange(d)[None, :] / d)   # [L, d]
    pe = np.sin(angle)
    pe[:, 1::2] = np.cos(angle[:, 1::2])
    return pe
