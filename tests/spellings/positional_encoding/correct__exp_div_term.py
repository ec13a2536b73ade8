import math

import numpy as np


def sinusoidal_positions(L, d, base=10000.0):
    pe = np.zeros((L, d), dtype=np.float64)
    position = np.arange(0, L)[:, np.newaxis]
    div_term = np.exp(np.arange(0, d, 2) * -(math.log(base) / d))
    pe[:, 0::2] = np.sin(position * div_term)
    pe[:, 1::2] = np.cos(position * div_term[: d // 2])
    return pe
