import numpy as np


def sinusoidal_positions(L, d, base=10000.0):
    i = np.arange((d + 1) // 2)
    a = np.outer(np.arange(L), 1.0 / base ** (2 * i / d))
    return np.stack([np.sin(a), np.cos(a)], -1).reshape(L, -1)
