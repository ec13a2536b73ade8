import numpy as np


def sinusoidal_positions(L, d, base=10000.0):
    k = (d + 1) // 2
    theta = np.arange(L)[:, None] * base ** (-2 * np.arange(k) / d)
    return np.stack((np.cos(theta), np.sin(theta)), axis=2).reshape(L, -1)[:, :d]
