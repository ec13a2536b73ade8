import numpy as np


def sinusoidal_positions(L, d, base=10000.0):
    j = np.arange(d)
    even = j - j % 2                       # the pair's even column index, 2i
    ang = np.arange(L)[:, None] * np.power(float(base), -even / d)[None, :]
    return np.where(j % 2 == 0, np.sin(ang), np.cos(ang))
