import math

import numpy as np


def sinusoidal_positions(L, d, base=10000.0):
    position = np.arange(L)[:, None]
    div_term = np.exp(np.arange(0, d, 2) * (-math.log(10000.0) / d))
    pe = np.zeros((L, d))
    pe[:, 0::2] = np.sin(position * div_term)
    pe[:, 1::2] = np.cos(position * div_term[: d // 2])
    return pe
