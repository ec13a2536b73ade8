import numpy as np


def sinusoidal_positions(L, d, base=10000.0):
    pos = np.arange(L, dtype=np.float64).reshape(-1, 1)
    rates = np.power(base, -np.arange(0, d, 2) / d)
    pe = np.empty((L, d))
    pe[:, ::2] = np.cos(pos * rates)
    pe[:, 1::2] = np.sin(pos * rates[: d // 2])
    return pe
