import math

import numpy as np


def sinusoidal_positions(L, d, base=10000.0):
    pe = np.zeros((L, d))
    position = np.arange(L).reshape(L, 1)
    div = np.exp(-np.arange(0, d, 2) * math.log(base) / d)
    pe[:, 0::2] = np.sin(position * div)
    pe[:, 1::2] = np.cos(position * div)
    return pe
