import numpy as np


def sinusoidal_positions(L, d, base=10000.0):
    pos = np.arange(L)[:, None]
    freqs = 1.0 / base ** (np.arange(0, d, 2) / d)
    args = pos * freqs
    return np.concatenate([np.sin(args), np.cos(args[:, : d // 2])], axis=1)
